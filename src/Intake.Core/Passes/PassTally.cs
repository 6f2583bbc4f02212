namespace Intake.Core.Passes;

/// <summary>What a timer pass over items came to.</summary>
/// <param name="Items">Items the pass took up.</param>
/// <param name="Failures">Those it could not handle; each was left for the next pass.</param>
public sealed record PassTally(int Items, IReadOnlyList<ItemFailure> Failures);
