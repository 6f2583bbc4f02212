using Microsoft.AspNetCore.Http;

namespace Intake.Functions.Http;

/// <summary>
/// Who a staff request comes from. Behind App Service Authentication
/// (<see cref="AuthOptions.AppServiceAuthentication"/>): the signed-in person of the principal
/// headers the platform set, with their app roles, or nobody. Anywhere else: the principal headers
/// are ignored (a client could have written them), and the function key, which the host checked
/// before any of this code ran, stands for the local staff member with both roles.
/// </summary>
public static class StaffIdentity
{
    /// <summary>The roles of the local staff member.</summary>
    private static readonly IReadOnlySet<StaffRole> BothRoles = new HashSet<StaffRole> { StaffRole.Coordinator, StaffRole.Manager };

    /// <summary>The staff member of <paramref name="request"/>, or null when behind App Service Authentication nobody readable signed in.</summary>
    public static StaffMember? Of(HttpRequest request, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AppServiceAuthentication)
        {
            return Local(options);
        }
        return ClientPrincipal.Read(request.Headers[ClientPrincipal.Header].FirstOrDefault(), request.Headers[ClientPrincipal.NameHeader].FirstOrDefault());
    }

    /// <summary>The local staff member: <see cref="AuthOptions.LocalStaff"/> (when usable as a name) with both roles.</summary>
    public static StaffMember Local(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StaffMember(ClientPrincipal.Clean(options.LocalStaff) ?? AuthOptions.DefaultLocalStaff, BothRoles);
    }
}
