namespace Intake.Core.Worklists;

/// <summary>
/// One page of a team list (api-2.md, "Lists that stay fast at any size"): its lines in list order
/// (<see cref="WorklistOrder"/>), the contact details of their people (for the team page only), and
/// the cursor of the next page.
/// </summary>
/// <param name="Items">At most the page's limit of lines, in list order.</param>
/// <param name="Contacts">The contact details of the lines' submissions, by submission id (a line whose contact is gone has none).</param>
/// <param name="Next">The opaque cursor of the next page; <c>null</c> on the last.</param>
public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, IReadOnlyDictionary<string, Contact> Contacts, string? Next)
{
    /// <summary>The lines of a page when the request names no limit.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most lines a page may have.</summary>
    public const int MaxLimit = 200;
}
