namespace Intake.Core.Challenge;

/// <summary>
/// Who may post to a public route (api-2.md): a partner system with one of the configured keys, or
/// a sender that solved a challenge of this service that has not expired and was not used before.
/// A partner key, when one is sent, decides alone: a wrong one is refused, never retried as a challenge.
/// </summary>
public sealed class SubmissionGate(ProofOfWork proofOfWork, PartnerKeys partners, IUsedChallenges used)
{
    /// <summary>The field name of a refused challenge in the 400's <c>errors</c>.</summary>
    public const string Field = "altcha";

    /// <summary>Decides on the request's <c>x-partner-key</c> and <c>X-Altcha</c> values (either may be absent).</summary>
    public async Task<GateResult> CheckAsync(string? partnerKey, string? altcha, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(partnerKey))
        {
            return new GateResult(partners.Accepts(partnerKey) ? GateDecision.Partner : GateDecision.WrongPartnerKey);
        }
        var check = proofOfWork.Check(altcha);
        if (!check.IsValid)
        {
            return new GateResult(GateDecision.ChallengeRefused, check.Problem);
        }
        return await used.TryUseAsync(check.Challenge, check.Expires, cancellationToken)
            ? new GateResult(GateDecision.Solved)
            : new GateResult(GateDecision.ChallengeRefused, ProofOfWork.ReusedMessage);
    }
}
