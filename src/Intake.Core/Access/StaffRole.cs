namespace Intake.Core.Access;

/// <summary>
/// The study team's roles (api-2.md, "Who may do what"). A manager may do all a coordinator may,
/// and the routes marked <em>manager</em>.
/// </summary>
public enum StaffRole
{
    /// <summary>Works the lists and the submissions: every staff route not marked manager.</summary>
    Coordinator,

    /// <summary>All of a coordinator's routes, and the manager's: the audit log.</summary>
    Manager,
}
