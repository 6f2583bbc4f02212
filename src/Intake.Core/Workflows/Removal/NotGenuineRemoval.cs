namespace Intake.Core.Workflows.Removal;

/// <summary>
/// Removes the submissions the team marked not genuine once <see cref="KeptFor"/> has passed since
/// the mark: the record (only while it still is as read, so a reopen at the same moment wins), then
/// the rest (<see cref="ISubmissionRemoval.RemoveRestAsync"/>), the line last, so a pass cut off
/// half-way is finished by the next. Each submission on its own: one that fails is counted and
/// tried again on the next pass.
/// </summary>
public sealed class NotGenuineRemoval(ITeamLists lists, ISubmissionStore store, ISubmissionRemoval removal, SiteCalendar calendar)
{
    /// <summary>How long a submission marked not genuine is kept for review.</summary>
    public static TimeSpan KeptFor { get; } = TimeSpan.FromDays(30);

    /// <summary>When a submission marked at <paramref name="markedAt"/> is removed.</summary>
    public static DateTimeOffset RemovalDue(DateTimeOffset markedAt) => markedAt + KeptFor;

    /// <summary>Runs one pass.</summary>
    public async Task<RemovalReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        int removed = 0, kept = 0;
        var failed = new List<string>();
        foreach (var line in await lists.ListAsync(TeamList.NotGenuine, new WorklistFilter(), cancellationToken))
        {
            try
            {
                var submission = await store.GetAsync(line.Id, cancellationToken);
                if (submission is not null)
                {
                    if (submission.Status != SubmissionStatus.NotGenuine || submission.NotGenuine is not { } mark)
                    {
                        // Reopened: its change moves the line back (a line left behind is not this pass's to remove).
                        continue;
                    }
                    if (RemovalDue(mark.At) > now)
                    {
                        kept++;
                        continue;
                    }
                    if (!await removal.TryRemoveRecordAsync(submission, cancellationToken))
                    {
                        // Changed since it was read (reopened?): looked at again on the next pass.
                        continue;
                    }
                }
                await removal.RemoveRestAsync(line, submission?.PersonKeys?.DateOfBirth, now, cancellationToken);
                removed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(line.Id);
            }
        }
        return new RemovalReport(removed, kept, failed);
    }
}
