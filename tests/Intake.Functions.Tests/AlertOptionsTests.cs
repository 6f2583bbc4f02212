using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Tests;

/// <summary><see cref="AlertOptions"/>: the local defaults, and settings refused when the host starts.</summary>
public sealed class AlertOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddIntake(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_defaults_are_the_local_run_maildev_on_localhost_1025_without_TLS_and_the_local_host_address()
    {
        using var services = Services([]);

        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        var settings = services.GetRequiredService<AlertSettings>();

        Assert.Equal(("localhost", 1025, SecureSocketOptions.None), (options.SmtpHost, options.SmtpPort, options.Security));
        Assert.Equal("team@study.example", settings.TeamAddress);
        Assert.Equal(new Uri("http://localhost:7071"), settings.PublicBaseUrl);
        Assert.Equal(10, settings.MaxPerHour);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Settings_from_configuration_are_bound_with_the_security_by_name()
    {
        using var services = Services(new()
        {
            ["Intake:Alerts:SmtpHost"] = "smtp.example.org",
            ["Intake:Alerts:SmtpPort"] = "587",
            ["Intake:Alerts:Security"] = "StartTls",
            ["Intake:Alerts:UserName"] = "intake",
            ["Intake:Alerts:Password"] = "secret",
            ["Intake:Alerts:TeamAddress"] = "Study Team <mbc-team@example.org>",
            ["Intake:Alerts:PublicBaseUrl"] = "https://intake.example.org/",
        });

        var options = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        var dispatch = services.GetRequiredService<AlertDispatch>();

        Assert.Equal(("smtp.example.org", 587, SecureSocketOptions.StartTls), (options.SmtpHost, options.SmtpPort, options.Security));
        Assert.Equal("https://intake.example.org/team#submission/abc", dispatch.TeamPageLink("abc"));
        Assert.Equal("https://intake.example.org/api/submissions/abc", dispatch.ApiLink("abc"));
    }

    [Theory]
    [InlineData("Intake:Alerts:TeamAddress", "not an address", "TeamAddress")]
    [InlineData("Intake:Alerts:TeamAddress", "a@example.org, b@example.org", "TeamAddress")]
    [InlineData("Intake:Alerts:FromAddress", "", "FromAddress")]
    [InlineData("Intake:Alerts:PublicBaseUrl", "intake.example.org", "PublicBaseUrl")]
    [InlineData("Intake:Alerts:PublicBaseUrl", "ftp://intake.example.org", "PublicBaseUrl")]
    [InlineData("Intake:Alerts:SmtpPort", "0", "SmtpPort")]
    [InlineData("Intake:Alerts:UserName", "intake", "Password")]
    [InlineData("Intake:Alerts:MaxPerHour", "0", "MaxPerHour")]
    [InlineData("Intake:Alerts:MaxPerHour", "-3", "MaxPerHour")]
    public void Unusable_settings_are_refused_naming_the_setting(string key, string value, string named)
    {
        using var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlertOptions>>().Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
