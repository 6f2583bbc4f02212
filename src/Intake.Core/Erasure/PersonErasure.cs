namespace Intake.Core.Erasure;

/// <summary>
/// Erases every submission of a person (api-2.md, "A person's data has an end"). The intent is
/// written first; then each submission is erased; then the intent is removed. An erasure cut off
/// half-way leaves its intent, which the next erase of the person, or the retention pass
/// (<see cref="FinishOpenAsync"/>), finishes with the intent's own mark.
/// </summary>
public sealed class PersonErasure(ISubmissionErasure erasure)
{
    /// <summary>The reason the retention pass gives.</summary>
    public const string RetentionReason = "retention";

    /// <summary>The most characters a reason may have.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Erases person <paramref name="personId"/>'s submissions (finishing first any erasure of them cut
    /// off before). Returns how many submissions had patient data erased by this call: 0 when there
    /// was nothing left to erase.
    /// </summary>
    public async Task<int> EraseAsync(string personId, ErasureMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personId);
        var erased = 0;
        if (await erasure.IntentAsync(personId, cancellationToken) is { } unfinished)
        {
            erased += await FinishAsync(unfinished, cancellationToken);
        }
        var ids = await erasure.SubmissionsOfAsync(personId, cancellationToken);
        if (ids.Count > 0)
        {
            erased += await FinishAsync(new ErasureIntent(personId, ids, mark), cancellationToken);
        }
        return erased;
    }

    /// <summary>Erases one submission on its own (the retention pass), as an erasure of its own with an intent.</summary>
    public Task<int> EraseSubmissionAsync(string submissionId, ErasureMark mark, CancellationToken cancellationToken) =>
        FinishAsync(new ErasureIntent(ErasureIntent.SubmissionKey(submissionId), [submissionId], mark), cancellationToken);

    /// <summary>Finishes every erasure cut off before; returns how many submissions had data erased.</summary>
    public async Task<int> FinishOpenAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var intent in await erasure.OpenIntentsAsync(cancellationToken))
        {
            erased += await FinishAsync(intent, cancellationToken);
        }
        return erased;
    }

    /// <summary>The keys (<see cref="ErasureIntent.Key"/>) of the erasures cut off before.</summary>
    public async Task<IReadOnlyList<string>> OpenAsync(CancellationToken cancellationToken) =>
        [.. (await erasure.OpenIntentsAsync(cancellationToken)).Select(i => i.Key)];

    /// <summary>Finishes the erasure under <paramref name="key"/> if it is still open; returns how many submissions had data erased.</summary>
    public async Task<int> FinishAsync(string key, CancellationToken cancellationToken) =>
        await erasure.IntentAsync(key, cancellationToken) is { } intent ? await FinishAsync(intent, cancellationToken) : 0;

    private async Task<int> FinishAsync(ErasureIntent intent, CancellationToken cancellationToken)
    {
        await erasure.MarkIntentAsync(intent, cancellationToken);
        var erased = 0;
        foreach (var id in intent.SubmissionIds)
        {
            if (await erasure.EraseAsync(id, intent.Mark, cancellationToken))
            {
                erased++;
            }
        }
        await erasure.ClearIntentAsync(intent.Key, cancellationToken);
        return erased;
    }
}
