using Intake.Functions.Storage;

namespace Intake.Functions.Tests;

/// <summary><see cref="TablePassOutcomes"/> on Azurite: one row per pass, the last outcome replacing the one before.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablePassOutcomesTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Each_pass_keeps_its_last_outcome_and_they_read_back_in_the_passes_order()
    {
        var outcomes = new TablePassOutcomes(azurite.Tables);
        var at = new DateTimeOffset(2026, 12, 2, 7, 5, 0, TimeSpan.Zero);

        await outcomes.RecordAsync(new PassOutcome(PassOutcome.Reevaluate, at, 40, 2), None);
        await outcomes.RecordAsync(new PassOutcome(PassOutcome.Reconcile, at.AddMinutes(1), 3, 0), None);
        await outcomes.RecordAsync(new PassOutcome(PassOutcome.Reconcile, at.AddMinutes(2), 1, 1), None);

        Assert.Equal(
            [new PassOutcome(PassOutcome.Reconcile, at.AddMinutes(2), 1, 1), new PassOutcome(PassOutcome.Reevaluate, at, 40, 2)],
            await outcomes.ReadAsync(None));
    }
}
