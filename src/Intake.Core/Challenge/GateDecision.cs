namespace Intake.Core.Challenge;

/// <summary>What <see cref="SubmissionGate"/> decided about one request to a public route.</summary>
public enum GateDecision
{
    /// <summary>A valid partner key: no challenge needed.</summary>
    Partner,

    /// <summary>A right, unexpired, unused solution, now recorded as used.</summary>
    Solved,

    /// <summary>A partner key that is not one of the configured keys: <c>401</c>.</summary>
    WrongPartnerKey,

    /// <summary>The solution is missing, unreadable, wrong, expired or used: <c>400</c> naming <c>altcha</c>.</summary>
    ChallengeRefused,
}
