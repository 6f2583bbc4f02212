
namespace Intake.Functions.Http.Responses;

/// <summary>
/// The answer of <c>GET /api/me</c>: who the service takes the caller to be, as history and the
/// audit log name them, and the roles whose routes they may use (<c>coordinator</c>, <c>manager</c>;
/// a manager may use a coordinator's routes, so holds both), so the team page offers only what the
/// person may use.
/// </summary>
public sealed record SignedInStaff(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>The answer for <paramref name="staff"/>; roles in a fixed order.</summary>
    public static SignedInStaff Of(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new(staff.Name, [.. new[] { (StaffRole.Coordinator, "coordinator"), (StaffRole.Manager, "manager") }
            .Where(r => staff.May(r.Item1)).Select(r => r.Item2)]);
    }
}
