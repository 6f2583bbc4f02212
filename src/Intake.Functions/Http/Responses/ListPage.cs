namespace Intake.Functions.Http.Responses;

/// <summary>
/// The answer of <c>GET /api/worklist</c> and <c>GET /api/screened-out</c> (api-2.md, "Lists that
/// stay fast at any size"): a page of lines in list order, and the cursor of the next page
/// (<c>null</c> on the last).
/// </summary>
public sealed record ListPage(IReadOnlyList<ListItem> Items, string? Next)
{
    /// <summary>The answer for <paramref name="page"/>; its lines with their NotMet reasons <paramref name="withReasons"/> (the screened-out list).</summary>
    public static ListPage Of(WorklistPage page, bool withReasons)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new([.. page.Items.Select(i => ListItem.Of(i, page.Contacts.GetValueOrDefault(i.Id), withReasons))], page.Next);
    }
}
