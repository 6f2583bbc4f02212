
namespace Intake.Functions.Http;

/// <summary>
/// One staff request as <see cref="StaffRoute"/> hands it to a route: who asks, and what the route
/// says it showed or changed (the submission's id, how many records), for the audit log.
/// </summary>
public sealed class StaffCall(StaffMember staff)
{
    /// <summary>Who asks: the name history records.</summary>
    public StaffMember Staff { get; } = staff;

    /// <summary>The submission read or changed (its normalised id), if the request names one.</summary>
    public string? SubmissionId { get; private set; }

    /// <summary>How many records the answer shows.</summary>
    public int Count { get; private set; }

    /// <summary>The request is about submission <paramref name="id"/>; the answer, if a success, shows it.</summary>
    public StaffCall About(string id)
    {
        SubmissionId = id;
        return this;
    }

    /// <summary>The answer shows <paramref name="count"/> records.</summary>
    public StaffCall Shows(int count)
    {
        Count = count;
        return this;
    }
}
