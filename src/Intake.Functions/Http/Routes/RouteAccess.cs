namespace Intake.Functions.Http.Routes;

/// <summary>
/// Who may call a route, as the code enforces it: the trigger's <c>AuthorizationLevel</c> (the host
/// checks the function key before the function runs), <see cref="StaffRoute"/>'s role check, and the
/// public forms' gate (<see cref="SubmissionGate"/>: a solved challenge or a partner key).
/// </summary>
public enum RouteAccess
{
    /// <summary>Anyone: <c>AuthorizationLevel.Anonymous</c>, nothing more asked.</summary>
    Public,
    /// <summary>Anyone with a solved ALTCHA challenge in <c>X-Altcha</c>, or a partner system with its key in <c>x-partner-key</c>.</summary>
    PublicForm,
    /// <summary>The function key (<c>AuthorizationLevel.Function</c>) and a staff member holding the coordinator role (a manager holds it too).</summary>
    Coordinator,
    /// <summary>The function key and a staff member holding the manager role.</summary>
    Manager,
}
