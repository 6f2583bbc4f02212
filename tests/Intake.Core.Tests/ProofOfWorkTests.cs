using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Intake.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Intake.Core.Tests;

/// <summary>The ALTCHA challenge of the public forms: what <see cref="ProofOfWork"/> gives and what it takes.</summary>
public sealed class ProofOfWorkTests
{
    private const int Cost = 2_000;
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-test-hmac-key-of-at-least-32-characters");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero));
    private readonly ProofOfWork _proof;

    public ProofOfWorkTests() => _proof = new ProofOfWork(Key, Cost, TimeSpan.FromMinutes(5), _time);

    private static JsonElement Json(ProofOfWorkChallenge c) => JsonSerializer.SerializeToElement(new
    {
        algorithm = c.Algorithm, challenge = c.Challenge, maxnumber = c.MaxNumber, salt = c.Salt, signature = c.Signature,
    });

    private static string Encode(JsonObject payload) => Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString()));

    private static JsonObject Decode(string payload) => JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();

    [Fact]
    public void A_challenge_has_the_ALTCHA_shape_its_salt_carries_the_expiry_and_it_is_solvable_within_the_cost()
    {
        var challenge = _proof.Create();

        Assert.Equal("SHA-256", challenge.Algorithm);
        Assert.Equal(Cost, challenge.MaxNumber);
        Assert.Matches("^[0-9a-f]{64}$", challenge.Challenge);
        Assert.Matches("^[0-9a-f]{64}$", challenge.Signature);
        Assert.Equal($"?expires={_time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}&", challenge.Salt[24..]);
        Assert.InRange(ChallengeSolver.Solve(challenge.Salt, challenge.Challenge, Cost), 0, Cost);
        Assert.NotEqual(challenge.Salt, _proof.Create().Salt);
    }

    [Fact]
    public void A_right_unexpired_solution_is_valid_and_names_its_challenge_and_expiry()
    {
        var challenge = _proof.Create();

        var check = _proof.Check(ChallengeSolver.Payload(Json(challenge)));

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal(challenge.Challenge, check.Challenge);
        Assert.Equal(_time.GetUtcNow().AddMinutes(5), check.Expires);
    }

    [Fact]
    public void A_wrong_number_is_refused()
    {
        var challenge = _proof.Create();
        var right = ChallengeSolver.Solve(challenge.Salt, challenge.Challenge, Cost);

        var check = _proof.Check(ChallengeSolver.Payload(Json(challenge), right == 0 ? 1 : right - 1));

        Assert.Equal(ProofOfWork.WrongMessage, check.Problem);
    }

    [Fact]
    public void A_solution_of_a_challenge_signed_with_another_key_is_refused()
    {
        var other = new ProofOfWork(Encoding.UTF8.GetBytes("another-key-that-is-also-long-enough-for-it"), Cost, TimeSpan.FromMinutes(5), _time);

        var check = _proof.Check(ChallengeSolver.Payload(Json(other.Create())));

        Assert.Equal(ProofOfWork.WrongMessage, check.Problem);
    }

    [Fact]
    public void A_changed_signature_or_a_salt_with_a_later_expiry_is_refused()
    {
        var challenge = _proof.Create();
        var payload = Decode(ChallengeSolver.Payload(Json(challenge)));
        var signature = (string)payload["signature"]!;
        var forged = payload.DeepClone().AsObject();
        forged["signature"] = (signature[0] == '0' ? "1" : "0") + signature[1..];
        var later = payload.DeepClone().AsObject();
        later["salt"] = challenge.Salt[..24] + $"?expires={_time.GetUtcNow().AddDays(1).ToUnixTimeSeconds()}&";

        Assert.Equal(ProofOfWork.WrongMessage, _proof.Check(Encode(forged)).Problem);
        Assert.Equal(ProofOfWork.WrongMessage, _proof.Check(Encode(later)).Problem);
    }

    [Fact]
    public void Moving_digits_of_the_number_into_the_salt_is_refused()
    {
        // The same concatenation split elsewhere has the same hash: the salt's format stops it.
        var challenge = _proof.Create();
        var payload = Decode(ChallengeSolver.Payload(Json(challenge), 0));
        var number = ChallengeSolver.Solve(challenge.Salt, challenge.Challenge, Cost).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (number.Length < 2)
        {
            number = "1" + number; // not a solution, but still a split that must be refused before hashing
        }
        payload["salt"] = challenge.Salt + number[..1];
        payload["number"] = long.Parse(number[1..], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(ProofOfWork.WrongMessage, _proof.Check(Encode(payload)).Problem);
    }

    [Fact]
    public void A_solution_sent_after_its_challenge_expired_is_refused_as_expired()
    {
        var payload = ChallengeSolver.Payload(Json(_proof.Create()));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ProofOfWork.ExpiredMessage, _proof.Check(payload).Problem);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("WzEsMiwzXQ==")] // [1,2,3]
    [InlineData("eyJhbGdvcml0aG0iOiJTSEEtMjU2In0=")] // {"algorithm":"SHA-256"}
    public void An_unreadable_payload_is_refused_as_malformed(string payload) =>
        Assert.Equal(ProofOfWork.MalformedMessage, _proof.Check(payload).Problem);

    [Fact]
    public void A_number_that_is_not_a_whole_non_negative_number_is_refused_as_malformed()
    {
        var payload = Decode(ChallengeSolver.Payload(Json(_proof.Create())));
        payload["number"] = "12";
        var negative = payload.DeepClone().AsObject();
        negative["number"] = -1;

        Assert.Equal(ProofOfWork.MalformedMessage, _proof.Check(Encode(payload)).Problem);
        Assert.Equal(ProofOfWork.MalformedMessage, _proof.Check(Encode(negative)).Problem);
    }

    [Fact]
    public void An_overlong_payload_is_refused_without_being_decoded() =>
        Assert.Equal(ProofOfWork.MalformedMessage, _proof.Check(new string('A', ProofOfWork.MaxPayloadLength + 4)).Problem);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_payload_is_refused_as_missing(string? payload) =>
        Assert.Equal(ProofOfWork.MissingMessage, _proof.Check(payload).Problem);

    [Fact]
    public void Every_comparison_of_a_secret_is_constant_time()
    {
        // Timing cannot be asserted reliably, so the sources are read: the challenge and the
        // signature, and the partner keys, are compared with FixedTimeEquals and nothing else.
        foreach (var file in new[] { "ProofOfWork.cs", "PartnerKeys.cs" })
        {
            var source = File.ReadAllText(Path.Combine(Repository.Root, "src", "Intake.Core", "Challenge", file));
            Assert.Contains("CryptographicOperations.FixedTimeEquals(", source, StringComparison.Ordinal);
            Assert.DoesNotContain("SequenceEqual", source, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(challenge|signature|claimed|digest|key)\s*==", source);
        }
    }
}
