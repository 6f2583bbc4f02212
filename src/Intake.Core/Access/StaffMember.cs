namespace Intake.Core.Access;

/// <summary>
/// Who a staff request comes from: the signed-in person (or, locally, the configured local staff
/// member) and the roles they hold. History and the audit log record <see cref="Name"/>.
/// </summary>
public sealed record StaffMember(string Name, IReadOnlySet<StaffRole> Roles)
{
    /// <summary>True when the member may use a route that needs <paramref name="needed"/>: a manager may use every route.</summary>
    public bool May(StaffRole needed) => Roles.Contains(StaffRole.Manager) || Roles.Contains(needed);

    /// <summary>The highest role held, as the audit log writes it: <c>manager</c>, <c>coordinator</c> or <c>none</c>.</summary>
    public string RoleName => Roles.Contains(StaffRole.Manager) ? "manager" : Roles.Contains(StaffRole.Coordinator) ? "coordinator" : "none";
}
