using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Tests;

/// <summary><see cref="ChallengeOptions"/> and <see cref="PartnerOptions"/>: the defaults, the key, and settings refused when the host starts.</summary>
public sealed class ChallengeOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        IntakeServices.With([.. settings.Select(s => (s.Key, s.Value))]);

    [Fact]
    public void Without_settings_the_cost_is_20000_a_challenge_lives_5_minutes_and_no_partner_key_is_accepted()
    {
        // An app setting present but empty is the same as none.
        using var services = Services(new() { ["Intake:Challenge:HmacKey"] = "" });

        var challenge = services.GetRequiredService<ProofOfWork>().Create();

        Assert.Equal(20_000, challenge.MaxNumber);
        Assert.Equal(5, services.GetRequiredService<IOptions<ChallengeOptions>>().Value.ExpiresAfterMinutes);
        Assert.Equal(0, services.GetRequiredService<PartnerKeys>().Count);
    }

    [Fact]
    public void A_configured_key_signs_the_challenges_so_every_instance_with_it_accepts_the_others_solutions()
    {
        const string key = "a-shared-key-of-the-service-0123456789";
        using var one = Services(new() { ["Intake:Challenge:HmacKey"] = key, ["Intake:Challenge:MaxNumber"] = "1000" });
        using var other = Services(new() { ["Intake:Challenge:HmacKey"] = key, ["Intake:Challenge:MaxNumber"] = "1000" });
        using var unset = Services(new() { ["Intake:Challenge:MaxNumber"] = "1000" });
        var challenge = one.GetRequiredService<ProofOfWork>().Create();
        var payload = Intake.Testing.ChallengeSolver.Payload(System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            algorithm = challenge.Algorithm, challenge = challenge.Challenge, maxnumber = challenge.MaxNumber, salt = challenge.Salt, signature = challenge.Signature,
        }));

        Assert.True(other.GetRequiredService<ProofOfWork>().Check(payload).IsValid);
        // Without a key each process makes its own: another process cannot check the solution.
        Assert.Equal(ProofOfWork.WrongMessage, unset.GetRequiredService<ProofOfWork>().Check(payload).Problem);
    }

    [Fact]
    public void Partner_keys_are_bound_from_the_list_and_blank_ones_ignored()
    {
        using var services = Services(new()
        {
            ["Intake:Partners:Keys:0"] = "partner-one-key-0123456789abcdefghij",
            ["Intake:Partners:Keys:1"] = "",
            ["Intake:Partners:Keys:2"] = "partner-two-key-0123456789abcdefghij",
        });

        var keys = services.GetRequiredService<PartnerKeys>();

        Assert.Equal(2, keys.Count);
        Assert.True(keys.Accepts("partner-two-key-0123456789abcdefghij"));
    }

    [Theory]
    [InlineData("Intake:Challenge:HmacKey", "too-short-key", "HmacKey")]
    [InlineData("Intake:Challenge:MaxNumber", "10", "MaxNumber")]
    [InlineData("Intake:Challenge:ExpiresAfterMinutes", "0", "ExpiresAfterMinutes")]
    [InlineData("Intake:Partners:Keys:0", "short-partner-key", "Intake:Partners:Keys")]
    public void A_setting_that_would_make_the_check_weak_or_useless_stops_the_host_naming_it(string name, string value, string named)
    {
        using var services = Services(new() { [name] = value });

        var e = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<ChallengeOptions>>().Value;
            _ = services.GetRequiredService<IOptions<PartnerOptions>>().Value;
        });

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
