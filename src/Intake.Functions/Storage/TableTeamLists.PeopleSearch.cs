using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

// Finding a person (api-2.md) by the people index's find rows (ListsPartition.FindRows): the rows of
// the key asked for (one short range: only that e-mail's, phone's or name-and-birth-date's submissions),
// then each person's rows by person id (one short range each), then each submission's record and
// contact (point reads). No list and no other person is read.
public sealed partial class TableTeamLists
{
    private const int SearchReadsAtOnce = 16;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FoundPerson>> FindAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
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
                if (await ListedAsync(id, inner) is { } submission)
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

    // A submission as its list line would show it, with its contact; null when it is on no team list
    // (not pre-checked yet, marked not genuine, erased).
    private async Task<FoundSubmission?> ListedAsync(string id, CancellationToken cancellationToken)
    {
        // Two point reads, not a query of the partition: a point read stays cheap however many submissions there are.
        var record = SubmissionEntities.ReadAsync(_submissions, id, SubmissionRowKind.Record, cancellationToken);
        var contactRow = SubmissionEntities.ReadAsync(_submissions, id, SubmissionRowKind.Contact, cancellationToken);
        var submission = await record is { } r ? SubmissionEntities.ToSubmission(r) : null;
        var contact = await contactRow is { } c ? SubmissionEntities.ToContact(c) : null;
        return submission is { Precheck: not null, List: TeamList.Worklist or TeamList.ScreenedOut }
            ? new FoundSubmission(WorklistItem.For(submission), contact)
            : null;
    }
}
