using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The people index in a table of its own (<see cref="PeopleRows"/>, docs/storage.md, "The people
/// table"): every read is a point read, so linking a new submission to its person and finding a person
/// cost the same at any size of the store, and the lists' table holds the lines alone. Written by one
/// transaction per submission (its birth date's row, its e-mail's and phone's), after reading the pages
/// it goes to; entries leave by a conditional replace (never If-Match inside a transaction).
/// </summary>
public sealed class TablePeopleIndex(TableServiceClient tables, PersonDigests digests) : IPeopleIndex, IPeopleSearch
{
    private const int SearchReadsAtOnce = 16;
    private const int RemoveAttempts = 8;
    private readonly TableClient _table = tables.GetTableClient(StorageNames.PeopleTable);
    private readonly SubmissionTables _submissions = SubmissionTables.Of(tables);

    // The birth date rows this instance read last, for the write that follows a link (the pre-check reads a
    // date's row to link, then records the person under it): they only choose the page, with room to spare
    // (PageSize), so a read a few seconds old serves as well as a new one, and the write makes one read less.
    private readonly ConcurrentDictionary<string, (List<TableEntity> Pages, long ReadAt)> _recentBirthRows = new(StringComparer.Ordinal);
    private const long RecentMilliseconds = 10_000;
    private const int RecentMost = 1_000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken)
    {
        var birth = digests.BirthDigest(dateOfBirth);
        var pages = await PagesAsync(PeopleRows.BornOn, birth, cancellationToken);
        if (_recentBirthRows.Count >= RecentMost)
        {
            _recentBirthRows.Clear();
        }
        _recentBirthRows[birth] = (pages, Environment.TickCount64);
        return [.. Entries(pages, dateOfBirth)];
    }

    /// <inheritdoc />
    public async Task PutAsync(PersonEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var born = entry.Keys.DateOfBirth ?? throw new ArgumentException("Only a person with a date of birth is indexed.", nameof(entry));
        var birth = digests.BirthDigest(born);
        var rows = new List<(PeopleRows.Kind Kind, string Digest, string Property, string Value)>
        {
            (PeopleRows.BornOn, birth, PeopleRows.SubmissionProperty(entry.SubmissionId), PeopleRows.Value(entry)),
        };
        if (entry.Keys.Email is { } email)
        {
            rows.Add((PeopleRows.ByEmail, email, PeopleRows.BirthProperty(birth), birth));
        }
        if (entry.Keys.Phone is { } phone)
        {
            rows.Add((PeopleRows.ByPhone, phone, PeopleRows.BirthProperty(birth), birth));
        }
        // The pages each entry goes to, read together; then one transaction of merges, which two writers may
        // send at once without losing either's property.
        var pages = await Task.WhenAll(rows.Select(r =>
            r.Kind == PeopleRows.BornOn && _recentBirthRows.TryRemove(r.Digest, out var recent) && Environment.TickCount64 - recent.ReadAt < RecentMilliseconds
                ? Task.FromResult(recent.Pages)
                : PagesAsync(r.Kind, r.Digest, cancellationToken)));
        var actions = new List<TableTransactionAction>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (kind, digest, property, value) = rows[i];
            var (page, markMore) = Place(kind, pages[i], property);
            actions.Add(new(TableTransactionActionType.UpsertMerge, new TableEntity(PeopleRows.Partition, kind.Key(digest, page)) { [property] = value }));
            if (markMore)
            {
                actions.Add(new(TableTransactionActionType.UpsertMerge, new TableEntity(PeopleRows.Partition, kind.Key(digest, page - 1)) { [PeopleRows.MoreProperty] = true }));
            }
        }
        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken)
    {
        var birth = digests.BirthDigest(dateOfBirth);
        if (await RemovePropertyAsync(PeopleRows.BornOn, birth, PeopleRows.SubmissionProperty(submissionId), cancellationToken) is not { } removed)
        {
            return;
        }
        // The e-mail and phone keep the birth date only while another submission born then has them.
        var gone = PeopleRows.Entry(removed.Property, removed.Value, dateOfBirth);
        var left = Entries(removed.PagesLeft, dateOfBirth).ToArray();
        if (gone.Keys.Email is { } email && !left.Any(e => e.Keys.Email == email))
        {
            await RemovePropertyAsync(PeopleRows.ByEmail, email, PeopleRows.BirthProperty(birth), cancellationToken);
        }
        if (gone.Keys.Phone is { } phone && !left.Any(e => e.Keys.Phone == phone))
        {
            await RemovePropertyAsync(PeopleRows.ByPhone, phone, PeopleRows.BirthProperty(birth), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FoundPerson>> FindAsync(PersonQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.KeysWith(digests);
        // The birth dates to read, and which of their entries match.
        (IReadOnlyList<string> Births, Func<PersonEntry, bool> Matches)? search = (keys.Email, keys.Phone, keys.Name, keys.DateOfBirth) switch
        {
            ({ } email, _, _, _) => (await BirthsAsync(PeopleRows.ByEmail, email, cancellationToken), e => e.Keys.Email == email),
            (_, { } phone, _, _) => (await BirthsAsync(PeopleRows.ByPhone, phone, cancellationToken), e => e.Keys.Phone == phone),
            (_, _, { } name, { } born) => ([digests.BirthDigest(born)], e => e.Keys.Name == name),
            _ => null,
        };
        if (search is not { } s)
        {
            return [];
        }
        var entries = new ConcurrentBag<PersonEntry>();
        await Parallel.ForEachAsync(s.Births, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (birth, token) =>
        {
            // The date itself is not known from its digest, nor needed: the search shows what the submissions' records say.
            foreach (var entry in Entries(await PagesAsync(PeopleRows.BornOn, birth, token), DateOnly.MinValue))
            {
                entries.Add(entry);
            }
        });
        // The people of the matching submissions, the most recently seen first, each with all of their submissions on those dates.
        string[] people = [.. entries.Where(s.Matches).OrderByDescending(e => e.ReceivedAt).Select(e => e.PersonId).Distinct(StringComparer.Ordinal).Take(PersonQuery.MaxPeople)];
        var wanted = people.ToHashSet(StringComparer.Ordinal);
        var ofPeople = entries.Where(e => wanted.Contains(e.PersonId)).ToArray();
        var listed = new ConcurrentDictionary<string, FoundSubmission>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ofPeople, new ParallelOptions { MaxDegreeOfParallelism = SearchReadsAtOnce, CancellationToken = cancellationToken }, async (entry, token) =>
        {
            if (await ListedAsync(entry.SubmissionId, token) is { } submission)
            {
                listed[entry.SubmissionId] = submission;
            }
        });
        return [.. people
            .Select(person => new FoundPerson(person, [.. ofPeople.Where(e => e.PersonId == person && listed.ContainsKey(e.SubmissionId))
                .Select(e => listed[e.SubmissionId])
                .OrderByDescending(f => f.Item.ReceivedAt).ThenBy(f => f.Item.Id, StringComparer.Ordinal)]))
            .Where(person => person.Submissions.Count > 0)];
    }

    /// <summary>
    /// A submission as its list line would show it, with its contact; null when it is on no team list
    /// (not pre-checked yet, marked not genuine, erased). Two point reads.
    /// </summary>
    internal async Task<FoundSubmission?> ListedAsync(string id, CancellationToken cancellationToken)
    {
        var submissions = await _submissions.ForAsync(id, cancellationToken);
        var record = SubmissionEntities.ReadAsync(submissions, id, SubmissionRowKind.Record, cancellationToken);
        var contactRow = SubmissionEntities.ReadAsync(submissions, id, SubmissionRowKind.Contact, cancellationToken);
        var submission = await record is { } r ? SubmissionEntities.ToSubmission(r) : null;
        var contact = await contactRow is { } c ? SubmissionEntities.ToContact(c) : null;
        return submission is { Precheck: not null, List: TeamList.Worklist or TeamList.ScreenedOut }
            ? new FoundSubmission(WorklistItem.For(submission), contact)
            : null;
    }

    private async Task<IReadOnlyList<string>> BirthsAsync(PeopleRows.Kind kind, string digest, CancellationToken cancellationToken) =>
        [.. (await PagesAsync(kind, digest, cancellationToken)).SelectMany(page => PeopleRows.EntriesOf(kind, page)).Select(p => PeopleRows.BirthDigestOf(p.Key)).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<PersonEntry> Entries(IEnumerable<TableEntity> pages, DateOnly dateOfBirth) =>
        pages.SelectMany(page => PeopleRows.EntriesOf(PeopleRows.BornOn, page)).Select(p => PeopleRows.Entry(p.Key, p.Value, dateOfBirth));

    // The pages of a row, by point reads: the first, then each next one while the last says there is one.
    private async Task<List<TableEntity>> PagesAsync(PeopleRows.Kind kind, string digest, CancellationToken cancellationToken)
    {
        var pages = new List<TableEntity>();
        for (var page = 0; ; page++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(PeopleRows.Partition, kind.Key(digest, page), cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return pages;
            }
            pages.Add(response.Value!);
            if (!PeopleRows.HasMore(response.Value!))
            {
                return pages;
            }
        }
    }

    // Where an entry goes: the page that has it already (the same write again), else the first with room,
    // else a new page after the last (which is then marked as having more).
    private static (int Page, bool MarkMore) Place(PeopleRows.Kind kind, IReadOnlyList<TableEntity> pages, string property)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].ContainsKey(property))
            {
                return (i, false);
            }
        }
        for (var i = 0; i < pages.Count; i++)
        {
            if (PeopleRows.EntriesOf(kind, pages[i]).Count() < PeopleRows.PageSize)
            {
                return (i, false);
            }
        }
        return (pages.Count, pages.Count > 0);
    }

    // Takes a property off the page that holds it, under that page's ETag (again from a fresh read when
    // another writer came first). Returns the property removed with the row's pages as they are left, or
    // null when no page held it.
    private async Task<(string Property, string Value, IReadOnlyList<TableEntity> PagesLeft)?> RemovePropertyAsync(PeopleRows.Kind kind, string digest, string property, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pages = await PagesAsync(kind, digest, cancellationToken);
            var index = pages.FindIndex(p => p.ContainsKey(property));
            if (index < 0)
            {
                return null;
            }
            var page = pages[index];
            var value = page.GetString(property);
            page.Remove(property);
            try
            {
                if (index == 0 && !PeopleRows.HasMore(page) && !PeopleRows.EntriesOf(kind, page).Any())
                {
                    await _table.DeleteEntityAsync(PeopleRows.Partition, page.RowKey, page.ETag, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(page, page.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return (property, value, pages);
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404 && attempt < RemoveAttempts)
            {
                // Changed since read: read again.
            }
        }
    }
}
