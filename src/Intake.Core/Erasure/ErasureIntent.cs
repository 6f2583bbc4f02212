namespace Intake.Core.Erasure;

/// <summary>
/// An erasure under way, written before any data is touched, so that one cut off half-way is
/// finished by the next erase of the same person or by the retention pass.
/// </summary>
/// <param name="Key">What is erased: the person's id, or <see cref="SubmissionKey"/> of one submission erased on its own (retention).</param>
/// <param name="SubmissionIds">Every submission of the person found when it began.</param>
/// <param name="Mark">When, by whom and why.</param>
public sealed record ErasureIntent(string Key, IReadOnlyList<string> SubmissionIds, ErasureMark Mark)
{
    /// <summary>The key of the erasure of submission <paramref name="id"/> on its own: apart from any person's.</summary>
    public static string SubmissionKey(string id) => "submission-" + id;
}
