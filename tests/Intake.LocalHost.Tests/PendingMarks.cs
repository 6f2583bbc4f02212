using Azure.Data.Tables;
using Intake.Functions.Storage;

namespace Intake.LocalHost.Tests;

/// <summary>
/// The pending marks of a local host's storage, read and set as the app does (<see cref="TableTeamLists"/>,
/// whose pending marks need no person key: the key given is used only by the people index and the cursors,
/// which these tests do not touch through it).
/// </summary>
internal static class PendingMarks
{
    private static readonly PersonDigests Unused = new(new byte[32]);

    /// <summary>The team lists' store of <paramref name="tables"/>, for its pending marks.</summary>
    public static IPendingSubmissions Of(TableServiceClient tables) => new TableTeamLists(tables, Unused);
}
