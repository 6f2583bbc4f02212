using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// Finding a person (api-2.md) by the people table (TablePeopleIndex.FindAsync: point reads only). Until
// PersonKeysMigration has moved them, the find rows this partition held before the people table are
// searched too (ListsPartition.FindRows: the rows of the key asked for, then each person's rows by
// person id, then each submission's record and contact), as long as any may remain (OldLayoutLook).
public sealed partial class TableTeamLists
{
    private const int SearchReadsAtOnce = 16;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FoundPerson>> FindAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = await _people.FindAsync(query, cancellationToken);
        if (!await _oldPeople.MayRemainAsync(cancellationToken))
        {
            return found;
        }
        // Both layouts: a person migrated half-way is the same person, with the submissions of both.
        var old = await FindInOldLayoutAsync(query, cancellationToken);
        return [.. found.Concat(old)
            .GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .Select(g => new FoundPerson(g.Key, [.. g.SelectMany(p => p.Submissions).DistinctBy(s => s.Item.Id)
                .OrderByDescending(s => s.Item.ReceivedAt).ThenBy(s => s.Item.Id, StringComparer.Ordinal)]))
            .OrderByDescending(p => p.Submissions[0].Item.ReceivedAt)
            .Take(PersonQuery.MaxPeople)];
    }

    private async Task<IReadOnlyList<FoundPerson>> FindInOldLayoutAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        var keys = query.KeysWith(digests);
        var prefix = (keys.Email, keys.Phone, keys.Name, keys.DateOfBirth) switch
        {
            ({ } email, _, _, _) => ListsPartition.ByEmailPrefix(email),
            (_, { } phone, _, _) => ListsPartition.ByPhonePrefix(phone),
            (_, _, { } name, { } born) => ListsPartition.ByNamePrefix(digests.BirthDigest(born), name),
            _ => null,
        };
        if (prefix is null)
        {
            return [];
        }
        // The people of the matching submissions, the most recently seen first.
        var matches = new List<(string PersonId, DateTimeOffset ReceivedAt)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(ListsPartition.RowsStartingWith(prefix), select: ["PersonId", "ReceivedAt"], cancellationToken: cancellationToken))
        {
            matches.Add((row.GetString("PersonId"), row.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue));
        }
        string[] people = [.. matches.OrderByDescending(m => m.ReceivedAt).Select(m => m.PersonId).Distinct(StringComparer.Ordinal).Take(PersonQuery.MaxPeople)];

        var found = new ConcurrentDictionary<string, FoundPerson>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (personId, token) =>
        {
            var ids = new List<string>();
            await foreach (var row in _table.QueryAsync<TableEntity>(ListsPartition.RowsStartingWith(ListsPartition.OfPersonPrefix(personId)), select: ["SubmissionId"], cancellationToken: token))
            {
                ids.Add(row.GetString("SubmissionId"));
            }
            var submissions = new ConcurrentBag<FoundSubmission>();
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = SearchReadsAtOnce, CancellationToken = token }, async (id, inner) =>
            {
                if (await _people.ListedAsync(id, inner) is { } submission)
                {
                    submissions.Add(submission);
                }
            });
            if (!submissions.IsEmpty)
            {
                found[personId] = new FoundPerson(personId, [.. submissions.OrderByDescending(s => s.Item.ReceivedAt).ThenBy(s => s.Item.Id, StringComparer.Ordinal)]);
            }
        });
        return [.. people.Where(found.ContainsKey).Select(p => found[p])];
    }
}
