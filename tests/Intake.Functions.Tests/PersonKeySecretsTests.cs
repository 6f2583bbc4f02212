using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Intake.Functions.Tests;

/// <summary>
/// Where the person key comes from (<see cref="PersonKeySecrets"/>): the <c>Intake:PersonKey:Secret</c>
/// setting, else a local file made once with a random key that only its owner may read.
/// </summary>
public sealed class PersonKeySecretsTests : IDisposable
{
    private static readonly DateOnly Born = new(1970, 1, 2);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "person-key-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void The_setting_is_the_key()
    {
        using var services = IntakeServices.With();

        Assert.Equal(TestData.PersonDigests.BirthDigest(Born), services.GetRequiredService<PersonDigests>().BirthDigest(Born));
    }

    [Fact]
    public void Without_the_setting_a_random_key_is_made_in_the_file_readable_by_its_owner_only_and_kept_for_the_next_start()
    {
        var file = Path.Combine(_directory, ".local", "person-key");

        string Digest()
        {
            using var services = IntakeServices.With(("Intake:PersonKey:Secret", ""), ("Intake:PersonKey:File", file));
            return services.GetRequiredService<PersonDigests>().BirthDigest(Born);
        }

        var first = Digest();

        Assert.True(File.Exists(file));
        Assert.True(File.ReadAllText(file).Trim().Length >= 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(first, Digest());
        Assert.NotEqual(TestData.PersonDigests.BirthDigest(Born), first);
    }

    [Fact]
    public void Two_local_files_made_apart_hold_different_keys()
    {
        var a = PersonKeySecrets.ReadOrMake(Path.Combine(_directory, "a"), NullLogger.Instance);
        var b = PersonKeySecrets.ReadOrMake(Path.Combine(_directory, "b"), NullLogger.Instance);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void In_Azure_without_the_setting_the_app_does_not_start_and_makes_no_file()
    {
        var file = Path.Combine(_directory, ".local", "person-key");
        using var services = IntakeServices.With(("Intake:PersonKey:Secret", ""), ("Intake:PersonKey:File", file));

        var refused = Assert.Throws<InvalidOperationException>(() =>
            PersonKeySecrets.PersonDigests(services, name => name == "WEBSITE_SITE_NAME" ? "mbcintake-app" : null));

        Assert.Contains("Key Vault", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void A_setting_shorter_than_32_characters_stops_the_start()
    {
        using var services = IntakeServices.With(("Intake:PersonKey:Secret", "too short"));

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<PersonDigests>());
    }
}
