using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The audit log in the <see cref="StorageNames.AuditTable"/> table, insert-only: entries are only
/// ever added (<c>AddEntity</c>, which fails rather than overwrite), never updated, upserted or
/// deleted. Keys make newest-first paging one bounded query: the partition is the UTC day inverted
/// (<c>99999999 − yyyyMMdd</c>, 8 digits), the row key the instant's ticks inverted (19 digits), a
/// <c>-</c> and a random 32-hex suffix, so both sort newest first and no two entries share a key.
/// </summary>
public sealed class TableAuditLog(TableServiceClient tables) : IAuditLog
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.AuditTable);

    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var at = entry.At.ToUniversalTime();
        var row = new TableEntity(Partition(DateOnly.FromDateTime(at.UtcDateTime)),
            (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["At"] = at,
            ["By"] = entry.By,
            ["Role"] = entry.Role,
            ["Action"] = entry.Action,
            ["SubmissionId"] = entry.SubmissionId,
            ["Count"] = entry.Count,
            ["Status"] = entry.Status,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retry of an add whose answer was lost: the entry (its unique key) is already there.
        }
    }

    /// <inheritdoc />
    public async Task<AuditPage?> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var newest = Partition(query.To);
        var oldest = Partition(query.From);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {newest} and PartitionKey le {oldest}");
        if (query.Cursor is not null)
        {
            if (ReadCursor(query) is not ({ } partition, { } rowKey))
            {
                return null;
            }
            filter += " and " + TableClient.CreateQueryFilter($"(PartitionKey gt {partition} or (PartitionKey eq {partition} and RowKey gt {rowKey}))");
        }
        if (query.By is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"By eq {query.By}");
        }
        if (query.SubmissionId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SubmissionId eq {query.SubmissionId}");
        }
        var items = new List<(AuditEntry Entry, string Partition, string Row)>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.Limit + 1, 1000), cancellationToken: cancellationToken))
        {
            items.Add((new AuditEntry(e.GetDateTimeOffset("At")!.Value, e.GetString("By") ?? "", e.GetString("Role") ?? "", e.GetString("Action") ?? "",
                e.GetString("SubmissionId"), e.GetInt32("Count") ?? 0, e.GetInt32("Status") ?? 0), e.PartitionKey, e.RowKey));
            if (items.Count > query.Limit)
            {
                break;
            }
        }
        string? next = null;
        if (items.Count > query.Limit)
        {
            var last = items[query.Limit - 1];
            next = MakeCursor(query, last.Partition, last.Row);
            items.RemoveRange(query.Limit, items.Count - query.Limit);
        }
        return new AuditPage([.. items.Select(i => i.Entry)], next);
    }

    private static string Partition(DateOnly day) =>
        (99_999_999 - int.Parse(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>
    /// The cursor after (<paramref name="partition"/>, <paramref name="rowKey"/>): base64url of the
    /// keys and a check over them and the query's filters, so a cursor only continues the query it
    /// came from and a made-up or edited one is refused.
    /// </summary>
    private static string MakeCursor(AuditQuery query, string partition, string rowKey)
    {
        var body = $"{partition}|{rowKey}";
        return Base64Url(Encoding.UTF8.GetBytes($"{body}|{Check(query, body)}"));
    }

    private static (string? Partition, string? RowKey) ReadCursor(AuditQuery query)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(FromBase64Url(query.Cursor!)).Split('|');
            if (parts.Length == 3 && parts[0].Length == 8 && parts[0].All(char.IsAsciiDigit) && parts[1].Length == 52
                && Check(query, $"{parts[0]}|{parts[1]}") == parts[2]
                && string.CompareOrdinal(parts[0], Partition(query.To)) >= 0 && string.CompareOrdinal(parts[0], Partition(query.From)) <= 0)
            {
                return (parts[0], parts[1]);
            }
        }
        catch (FormatException)
        {
            // Not base64url: not a cursor this log made.
        }
        return (null, null);
    }

    private static string Check(AuditQuery query, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"audit-cursor-v1|{body}|{query.From:yyyy-MM-dd}|{query.To:yyyy-MM-dd}|{query.By}|{query.SubmissionId}")))[..32];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        if (text.Length > 512 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new FormatException("Not base64url.");
        }
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
