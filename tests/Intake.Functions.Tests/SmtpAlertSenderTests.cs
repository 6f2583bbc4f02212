using Intake.Functions.Email;
using Intake.Testing;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Intake.Functions.Tests;

/// <summary>A real maildev for the SMTP tests, started once for the class.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    private MailDev? _maildev;

    public MailDev MailDev => _maildev ?? throw new InvalidOperationException("maildev is not started.");

    public async Task InitializeAsync() => _maildev = await MailDev.StartAsync();

    public async Task DisposeAsync()
    {
        if (_maildev is not null)
        {
            await _maildev.DisposeAsync();
        }
    }
}

/// <summary><see cref="SmtpAlertSender"/> sending through a real SMTP server (maildev), read back from maildev's REST API.</summary>
public sealed class SmtpAlertSenderTests(MailDevFixture fixture) : IClassFixture<MailDevFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private SmtpAlertSender Sender(string host = "localhost", int? port = null) => new(Options.Create(new AlertOptions
    {
        SmtpHost = host,
        SmtpPort = port ?? fixture.MailDev.SmtpPort,
        Security = SecureSocketOptions.None,
        FromAddress = "mbcintake@study.example",
        TimeoutSeconds = 10,
    }));

    [Fact]
    public async Task An_alert_is_delivered_over_SMTP_with_its_subject_addresses_message_id_and_plain_text_body()
    {
        var id = TestData.NewId();
        var email = new AlertEmail("team@study.example", AlertDispatch.UrgentSubject,
            $"An item is urgent:\n\n  http://localhost:7071/team#submission/{id}\n", $"urgent-{id}-v2@mbcintake");

        await Sender().SendAsync(email, CancellationToken.None);

        var received = await fixture.MailDev.WaitForAsync(e => e.Text.Contains(id, StringComparison.Ordinal), Deadline, "the alert in maildev");
        Assert.Equal(AlertDispatch.UrgentSubject, received.Subject);
        Assert.Equal(["mbcintake@study.example"], received.From);
        Assert.Equal(["team@study.example"], received.To);
        Assert.Equal($"<urgent-{id}-v2@mbcintake>", received.MessageId);
        Assert.Contains($"http://localhost:7071/team#submission/{id}", received.Text, StringComparison.Ordinal);
        Assert.Null(received.Html);
        Assert.Equal("auto-generated", received.Headers["auto-submitted"]);
    }

    [Fact]
    public async Task Each_alert_is_its_own_e_mail_even_to_the_same_address()
    {
        var ids = new[] { TestData.NewId(), TestData.NewId() };

        foreach (var id in ids)
        {
            await Sender("127.0.0.1").SendAsync(new AlertEmail("lin@example.org", $"MbcIntake: update on your referral {id}", $"Referral: {id}\n", $"referrer-{id}@mbcintake"), CancellationToken.None);
        }

        foreach (var id in ids)
        {
            var received = await fixture.MailDev.WaitForAsync(e => e.Subject.EndsWith(id, StringComparison.Ordinal), Deadline, $"the update {id} in maildev");
            Assert.Equal(["lin@example.org"], received.To);
            Assert.Equal($"<referrer-{id}@mbcintake>", received.MessageId);
        }
    }

    [Fact]
    public async Task A_send_to_a_server_that_is_not_there_throws_so_the_message_is_tried_again()
    {
        var email = new AlertEmail("team@study.example", AlertDispatch.UrgentSubject, "-", $"urgent-{TestData.NewId()}-v2@mbcintake");

        var error = await Record.ExceptionAsync(() => Sender("127.0.0.1", FreePort.Next()).SendAsync(email, CancellationToken.None));

        Assert.IsAssignableFrom<System.Net.Sockets.SocketException>(error);
    }

    [Fact]
    public async Task AddIntake_sends_alerts_through_the_SMTP_server_its_settings_name()
    {
        var id = TestData.NewId();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Intake:Alerts:SmtpHost"] = "127.0.0.1",
            ["Intake:Alerts:SmtpPort"] = $"{fixture.MailDev.SmtpPort}",
            ["Intake:Alerts:FromAddress"] = "alerts@intake.example.org",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddIntake(configuration).BuildServiceProvider();

        await services.GetRequiredService<IAlertSender>().SendAsync(new AlertEmail("team@study.example", "MbcIntake: test", id, $"test-{id}@mbcintake"), CancellationToken.None);

        var received = await fixture.MailDev.WaitForAsync(e => e.Text.Contains(id, StringComparison.Ordinal), Deadline, "the e-mail in maildev");
        Assert.Equal(["alerts@intake.example.org"], received.From);
    }
}
