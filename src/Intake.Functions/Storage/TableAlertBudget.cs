using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// The hourly budget of urgent e-mails in one partition of the <see cref="StorageNames.AlertBudgetTable"/>
/// table (docs/storage.md): per hour a <c>window-{yyyyMMddHH}</c> row with its counts and state; per
/// urgent alert an <c>alert-{id}-v{version}</c> row with its decision; per held alert a
/// <c>held-{yyyyMMddHH}-{id}-v{version}</c> row for the digest. Ids and counts only, never patient data.
/// A decision is one entity-group transaction: the alert's row (and held row) added, and the hour's
/// row added or replaced under its ETag, so two instances cannot both spend the last slot and a
/// decision is never half written.
/// </summary>
public sealed class TableAlertBudget(TableServiceClient tables) : IAlertBudget
{
    /// <summary>The partition key.</summary>
    public const string Partition = "budget";

    /// <summary>How often a decision or a state change is tried against concurrent writers.</summary>
    private const int MaxAttempts = 100;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.AlertBudgetTable);

    /// <inheritdoc />
    public async Task<AlertSlot> TakeAsync(string submissionId, int version, DateTimeOffset window, int maxPerHour, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerHour, 1);
        var start = AlertWindow.StartOf(window);
        var alertKey = AlertKey(submissionId, version);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await GetAsync(alertKey, cancellationToken) is { } decided)
            {
                return new AlertSlot(Enum.Parse<AlertDelivery>(decided.GetString("Delivery")), decided.GetDateTimeOffset("Window")!.Value);
            }
            var row = await GetAsync(WindowKey(start), cancellationToken);
            var current = row is null ? new AlertWindow(start, 0, 0, AlertWindowState.Open) : ToWindow(row);
            if (current.State != AlertWindowState.Open)
            {
                // Only a clock far behind the others' gets here: better an e-mail over the budget than an alert in no digest.
                return new AlertSlot(AlertDelivery.Single, start);
            }
            var delivery = current.Singles < maxPerHour ? AlertDelivery.Single : AlertDelivery.Digest;
            var next = delivery == AlertDelivery.Single ? current with { Singles = current.Singles + 1 } : current with { Held = current.Held + 1 };
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(Partition, alertKey)
                {
                    ["SubmissionId"] = submissionId,
                    ["Version"] = version,
                    ["Window"] = start,
                    ["Delivery"] = delivery.ToString(),
                }),
                row is null
                    ? new(TableTransactionActionType.Add, ToEntity(next))
                    : new(TableTransactionActionType.UpdateReplace, ToEntity(next), row.ETag),
            ];
            if (delivery == AlertDelivery.Digest)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, HeldKey(start, submissionId, version))
                {
                    ["SubmissionId"] = submissionId,
                    ["Version"] = version,
                    ["Announced"] = false,
                }));
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new AlertSlot(delivery, start);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance spent a slot (or decided this very alert) first: read again and decide anew.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 * attempt)), cancellationToken);
            }
        }
        throw new InvalidOperationException($"The urgent-alert budget of {start:yyyy-MM-dd HH:mm} UTC kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AlertWindow>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {WindowPrefix} and RowKey lt {WindowPrefix + "~"} and State ne {nameof(AlertWindowState.Done)}");
        var windows = new List<AlertWindow>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            windows.Add(ToWindow(entity));
        }
        return windows;
    }

    /// <inheritdoc />
    public async Task<AlertWindow> CloseAsync(DateTimeOffset window, CancellationToken cancellationToken) =>
        await MoveAsync(window, AlertWindowState.Open, AlertWindowState.Closed, cancellationToken);

    /// <inheritdoc />
    public async Task MarkDigestSentAsync(DateTimeOffset window, CancellationToken cancellationToken) =>
        await MoveAsync(window, AlertWindowState.Closed, AlertWindowState.DigestSent, cancellationToken);

    /// <inheritdoc />
    public async Task MarkDoneAsync(DateTimeOffset window, CancellationToken cancellationToken) =>
        await MoveAsync(window, AlertWindowState.DigestSent, AlertWindowState.Done, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HeldAlert>> UnannouncedAsync(DateTimeOffset window, CancellationToken cancellationToken)
    {
        var start = AlertWindow.StartOf(window);
        var prefix = HeldPrefix(start);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {prefix + "~"} and Announced eq {false}");
        var held = new List<HeldAlert>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            held.Add(new HeldAlert(start, entity.GetString("SubmissionId"), entity.GetInt32("Version") ?? 0));
        }
        return held;
    }

    /// <inheritdoc />
    public async Task MarkAnnouncedAsync(HeldAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await _table.UpdateEntityAsync(
            new TableEntity(Partition, HeldKey(AlertWindow.StartOf(alert.Window), alert.SubmissionId, alert.Version)) { ["Announced"] = true },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Moves the hour from <paramref name="from"/> to <paramref name="to"/> under its ETag; a later state is left as it is.</summary>
    private async Task<AlertWindow> MoveAsync(DateTimeOffset window, AlertWindowState from, AlertWindowState to, CancellationToken cancellationToken)
    {
        var start = AlertWindow.StartOf(window);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await GetAsync(WindowKey(start), cancellationToken);
            var current = row is null ? new AlertWindow(start, 0, 0, AlertWindowState.Open) : ToWindow(row);
            if (current.State != from)
            {
                return current;
            }
            var next = current with { State = to };
            try
            {
                if (row is null)
                {
                    await _table.AddEntityAsync(ToEntity(next), cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(ToEntity(next), row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // An alert was counted in the hour meanwhile: read it again.
            }
        }
        throw new InvalidOperationException($"The urgent-alert budget of {start:yyyy-MM-dd HH:mm} UTC kept changing; gave up after {MaxAttempts} attempts.");
    }

    private async Task<TableEntity?> GetAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private const string WindowPrefix = "window-";

    private static string Hour(DateTimeOffset start) => start.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string WindowKey(DateTimeOffset start) => WindowPrefix + Hour(start);

    private static string AlertKey(string submissionId, int version) => $"alert-{submissionId}-v{version.ToString("D6", CultureInfo.InvariantCulture)}";

    private static string HeldPrefix(DateTimeOffset start) => $"held-{Hour(start)}-";

    private static string HeldKey(DateTimeOffset start, string submissionId, int version) =>
        $"{HeldPrefix(start)}{submissionId}-v{version.ToString("D6", CultureInfo.InvariantCulture)}";

    private static TableEntity ToEntity(AlertWindow window) => new(Partition, WindowKey(window.Start))
    {
        ["Start"] = window.Start,
        ["Singles"] = window.Singles,
        ["Held"] = window.Held,
        ["State"] = window.State.ToString(),
    };

    private static AlertWindow ToWindow(TableEntity e) => new(
        e.GetDateTimeOffset("Start")!.Value, e.GetInt32("Singles") ?? 0, e.GetInt32("Held") ?? 0, Enum.Parse<AlertWindowState>(e.GetString("State")));
}
