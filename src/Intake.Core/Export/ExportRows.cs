namespace Intake.Core.Export;

/// <summary>
/// What the manager's export of a list reads: the list's lines received in the range (only those, when
/// the range has an end: <see cref="ITeamLists.ReceivedBetweenAsync"/>, so a month's export reads a
/// month's lines however long the list), in the list's order, each with the person's contact details
/// (one point read of the contact, never the whole file).
/// </summary>
public sealed class ExportRows(ITeamLists lists, ISubmissionStore store, SiteCalendar calendar)
{
    /// <summary>Contact entities read at once.</summary>
    private const int ReadsAtOnce = 8;

    /// <summary>
    /// The rows of <paramref name="list"/> received on the site's dates <paramref name="from"/> to
    /// <paramref name="to"/> (both included, either open), in the list's order; a submission erased
    /// while they are read has no row.
    /// </summary>
    public async Task<IReadOnlyList<ExportRow>> ReadAsync(TeamList list, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var read = from is null && to is null
            ? await lists.ListAsync(list, new WorklistFilter(), cancellationToken)
            // A day to spare at each end for the site's time zone; Covers keeps the site's dates asked for.
            : await lists.ReceivedBetweenAsync(list,
                from is { } f ? new DateTimeOffset(f.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MinValue,
                to is { } t ? new DateTimeOffset(t.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue,
                cancellationToken);
        var lines = read.Where(l => ListExport.Covers(l, from, to, calendar)).OrderBy(WorklistOrder.KeyOf, StringComparer.Ordinal).ToArray();
        var contacts = new Contact?[lines.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, lines.Length), new ParallelOptions { MaxDegreeOfParallelism = ReadsAtOnce, CancellationToken = cancellationToken },
            async (i, token) => contacts[i] = await store.GetContactAsync(lines[i].Id, token));
        return [.. lines.Select((line, i) => (line, contact: contacts[i])).Where(r => r.contact is not null).Select(r => new ExportRow(r.line, r.contact))];
    }
}
