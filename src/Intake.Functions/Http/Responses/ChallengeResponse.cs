using System.Text.Json.Serialization;

namespace Intake.Functions.Http.Responses;

/// <summary>
/// The answer of <c>GET /api/challenge</c> (api-2.md): an ALTCHA challenge, its members as the
/// ALTCHA widget reads them (<c>maxnumber</c> in lower case).
/// </summary>
public sealed record ChallengeResponse(
    string Algorithm,
    string Challenge,
    [property: JsonPropertyName("maxnumber")] long MaxNumber,
    string Salt,
    string Signature)
{
    /// <summary>The answer for <paramref name="challenge"/>.</summary>
    public static ChallengeResponse Of(ProofOfWorkChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return new(challenge.Algorithm, challenge.Challenge, challenge.MaxNumber, challenge.Salt, challenge.Signature);
    }
}
