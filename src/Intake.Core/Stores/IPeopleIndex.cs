using System.Text;

namespace Intake.Core.Stores;

/// <summary>The index of people by date of birth, to link a person's submissions. A facet of the team lists' unit (<see cref="ITeamLists"/>), written with the lists.</summary>
public interface IPeopleIndex
{
    /// <summary>Every submission of a person born on <paramref name="dateOfBirth"/>.</summary>
    Task<IReadOnlyList<PersonEntry>> BornOnAsync(DateOnly dateOfBirth, CancellationToken cancellationToken);

    /// <summary>Adds (or replaces) a submission's entry.</summary>
    Task PutAsync(PersonEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a submission's entry under a date of birth; nothing happens when there is none.</summary>
    Task RemoveAsync(DateOnly dateOfBirth, string submissionId, CancellationToken cancellationToken);
}
