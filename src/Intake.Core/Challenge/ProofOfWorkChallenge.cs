namespace Intake.Core.Challenge;

/// <summary>
/// One ALTCHA challenge as <c>GET /api/challenge</c> gives it (api-2.md): find the
/// <c>number</c> in 0..<see cref="MaxNumber"/> for which SHA-256(<see cref="Salt"/> + number) is
/// <see cref="Challenge"/>. <see cref="Signature"/> is the service's HMAC of the challenge, so the
/// service can check a solution without remembering what it handed out.
/// </summary>
/// <param name="Algorithm">Always <c>SHA-256</c>.</param>
/// <param name="Challenge">The lowercase hex SHA-256 of salt + number.</param>
/// <param name="MaxNumber">The largest number the solver tries: the cost.</param>
/// <param name="Salt">Random hex, then <c>?expires=</c> and the Unix second it expires, then <c>&amp;</c>.</param>
/// <param name="Signature">The lowercase hex HMAC-SHA-256 of <see cref="Challenge"/> with the service's key.</param>
public sealed record ProofOfWorkChallenge(string Algorithm, string Challenge, long MaxNumber, string Salt, string Signature);
