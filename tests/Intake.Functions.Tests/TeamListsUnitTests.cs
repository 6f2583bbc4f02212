using Intake.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Intake.Functions.Tests;

/// <summary>
/// The lists, the pending marks and the people index are one unit written together (a first listing
/// writes all three in one transaction), so the app serves every facet from the one store of the unit.
/// </summary>
public sealed class TeamListsUnitTests
{
    [Fact]
    public void Every_facet_of_the_team_lists_is_the_one_table_backed_store()
    {
        using var services = IntakeServices.With();

        var lists = services.GetRequiredService<ITeamLists>();

        Assert.IsType<TableTeamLists>(lists);
        Assert.Same(lists, services.GetRequiredService<IPendingSubmissions>());
        Assert.Same(lists, services.GetRequiredService<IPeopleIndex>());
        Assert.Same(lists, services.GetRequiredService<IPeopleSearch>());
    }

    [Fact]
    public void What_a_first_listing_writes_is_in_the_interface_that_declares_it()
    {
        // PutFirstAsync clears a pending mark and records a person: both facets are parts of ITeamLists.
        var facets = typeof(ITeamLists).GetInterfaces();

        Assert.Contains(typeof(IPendingSubmissions), facets);
        Assert.Contains(typeof(IPeopleIndex), facets);
        Assert.Contains(typeof(IPeopleSearch), facets);
    }
}
