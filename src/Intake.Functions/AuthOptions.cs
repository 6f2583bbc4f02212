namespace Intake.Functions;

/// <summary>
/// How staff are identified, from the <c>Intake:Auth</c> configuration section
/// (<c>Intake__Auth__AppServiceAuthentication</c> as an app setting) and <c>INTAKE_LOCAL_STAFF</c>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Intake:Auth";

    /// <summary>The setting that names the local staff member.</summary>
    public const string LocalStaffSetting = "INTAKE_LOCAL_STAFF";

    /// <summary>Who the function key stands for when the host is not behind App Service Authentication.</summary>
    public const string DefaultLocalStaff = "local-staff";

    /// <summary>
    /// True only when the host runs behind App Service Authentication (infra/app.bicep sets it): then
    /// the platform sets the principal headers (and strips any a client sent), so the app reads the
    /// signed-in person and their app roles from them. False (the default) everywhere else: the
    /// headers are ignored, so no client can name itself, and the function key stands for
    /// <see cref="LocalStaff"/> with both roles.
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>The local staff member (<c>INTAKE_LOCAL_STAFF</c>, default <c>local-staff</c>).</summary>
    public string LocalStaff { get; set; } = DefaultLocalStaff;
}
