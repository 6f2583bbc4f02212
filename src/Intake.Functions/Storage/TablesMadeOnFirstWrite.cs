using Azure;
using Azure.Data.Tables;

namespace Intake.Functions.Storage;

/// <summary>
/// Tables the app makes with their first row rather than at start-up (the funnel's month tables, the lists'
/// shelves): a write that meets <c>TableNotFound</c> makes the table and writes again, two requests more once
/// a table, none after.
/// </summary>
internal static class TablesMadeOnFirstWrite
{
    /// <summary>Runs <paramref name="write"/> against <paramref name="table"/>, making the table first when it is not there.</summary>
    public static async Task WriteAsync(TableClient table, Func<TableClient, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write(table);
        }
        catch (RequestFailedException e) when (IsNoTable(e))
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            await write(table);
        }
    }

    /// <summary>Whether a request failed because its table does not exist (yet).</summary>
    public static bool IsNoTable(RequestFailedException e) =>
        e.Status == 404 && e.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound.ToString();
}
