using System.Globalization;

namespace Intake.Core.Workflows.Alerts;

/// <summary>A referrer update the team asked for.</summary>
/// <param name="Outcome">Done (queued), not found, or not applicable (with <paramref name="Detail"/>).</param>
/// <param name="RequestId">The request's id, once queued: the history names it when it is sent.</param>
/// <param name="Detail">Why it does not apply, for the caller.</param>
public sealed record ReferrerUpdateResult(ActionOutcome Outcome, string? RequestId, string? Detail = null);
