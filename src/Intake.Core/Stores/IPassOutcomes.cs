namespace Intake.Core.Stores;

/// <summary>The last outcome of each timer pass (<see cref="PassOutcome"/>).</summary>
public interface IPassOutcomes
{
    /// <summary>Keeps <paramref name="outcome"/> as its pass's last, in place of the one before.</summary>
    Task RecordAsync(PassOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The last outcome of every pass that has run, in <see cref="PassOutcome.Passes"/> order.</summary>
    Task<IReadOnlyList<PassOutcome>> ReadAsync(CancellationToken cancellationToken);
}
