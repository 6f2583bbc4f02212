using Azure.Data.Tables;
using Azure.Storage.Queues;
using Intake.Functions.Email;
using Intake.Functions.Http;
using Intake.Functions.Storage;
using Intake.Functions.Telemetry;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Intake.Functions;

/// <summary>
/// The app's services, registered once for both hosts: the Functions host (Program.cs) and the
/// local host (src/Intake.LocalHost).
/// </summary>
public static class IntakeServiceCollectionExtensions
{
    /// <summary>Registers the domain, the storage and the options of the intake service.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>()
            .BindConfiguration(IntakeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.SiteTimeZone, out _), "Intake:SiteTimeZone must be an IANA time zone id such as America/Chicago.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptions.Validator>();
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SubmissionRateLimit>();
        services.AddOptions<HttpOptions>()
            .BindConfiguration(HttpOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ChallengeOptions>()
            .BindConfiguration(ChallengeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.HmacKey) || o.HmacKey.Trim().Length >= 32,
                "Intake:Challenge:HmacKey must be at least 32 characters (or empty for a key made for this process only).")
            .ValidateOnStart();
        services.AddOptions<PersonKeyOptions>()
            .BindConfiguration(PersonKeyOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.Secret) || o.Secret.Trim().Length >= 32,
                "Intake:PersonKey:Secret must be at least 32 characters (or empty outside Azure for a key kept in Intake:PersonKey:File).")
            .ValidateOnStart();
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Configure(o => o.LocalStaff = configuration[AuthOptions.LocalStaffSetting] is { Length: > 0 } local ? local : AuthOptions.DefaultLocalStaff);
        services.AddOptions<PartnerOptions>()
            .BindConfiguration(PartnerOptions.Section)
            .Validate(o => o.Keys.All(k => string.IsNullOrWhiteSpace(k) || k.Trim().Length >= 32), "Each of Intake:Partners:Keys must be at least 32 characters.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SiteCalendar.For(sp.GetRequiredService<IOptions<IntakeOptions>>().Value.SiteTimeZone, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PrecheckEngine(RuleSet.Nct03737695 with
        {
            UrgentWindowDays = sp.GetRequiredService<IOptions<IntakeOptions>>().Value.UrgentWindowDays,
        }));

        var storage = StorageConnection.From(configuration);
        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>(options => storage.CreateTableServiceClient(options));
            clients.AddClient<QueueServiceClient, QueueClientOptions>(options => storage.CreateQueueServiceClient(options));
        });
        services.AddHostedService<StorageInitializer>();

        services.AddSingleton<ISubmissionStore, TableSubmissionStore>();
        // One unit, one store: the lists, the pending marks and the people index are written together (ITeamLists).
        services.AddSingleton<ITeamLists, TableTeamLists>();
        services.AddSingleton<IPendingSubmissions>(sp => sp.GetRequiredService<ITeamLists>());
        services.AddSingleton<IPeopleIndex>(sp => sp.GetRequiredService<ITeamLists>());
        services.AddSingleton<IPeopleSearch>(sp => sp.GetRequiredService<ITeamLists>());
        services.AddSingleton<IInterruptedMoves>(sp => sp.GetRequiredService<ITeamLists>());
        services.AddSingleton<IUnshelvedLines>(sp => sp.GetRequiredService<ITeamLists>());
        services.AddSingleton<IPrecheckQueue, QueuePrecheckQueue>();
        services.AddSingleton(PersonKeySecrets.PersonDigests);
        services.AddSingleton<IPlainPersonKeys, TablePlainPersonKeys>();
        services.AddSingleton<PersonKeysMigration>();
        services.AddSingleton<IOldLayoutSubmissions, TableOldLayoutSubmissions>();
        services.AddSingleton<RowKeysMigration>();
        services.AddSingleton<IFunnelIndex, TableFunnelIndex>();
        services.AddSingleton<FunnelIndexing>();
        services.AddSingleton<IAlertQueue, QueueAlertQueue>();
        services.AddSingleton<IAlertSender, SmtpAlertSender>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value.ToSettings());
        services.AddSingleton<IAlertBudget, TableAlertBudget>();
        services.AddSingleton<AlertDispatch>();
        services.AddSingleton<UrgentDigests>();
        services.AddSingleton<ReferrerUpdates>();
        services.AddSingleton<IPoisonQueues, QueuePoisonQueues>();
        services.AddSingleton<IStorageHealth, StorageHealth>();
        services.AddSingleton<ISubmissionRemoval, TableSubmissionRemoval>();
        services.AddSingleton<NotGenuineRemoval>();
        services.AddSingleton<ISubmissionErasure, TableSubmissionErasure>();
        services.AddSingleton<PersonErasure>();
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new Retention(sp.GetRequiredService<ITeamLists>(), sp.GetRequiredService<ISubmissionStore>(), sp.GetRequiredService<PersonErasure>(),
            sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<IPassOutcomes>(), sp.GetRequiredService<SiteCalendar>())
        {
            ClosedDays = sp.GetRequiredService<IOptions<RetentionOptions>>().Value.ClosedDays,
        });
        services.AddIntakeTelemetry(configuration);

        services.AddSingleton<IUsedChallenges, TableUsedChallenges>();
        services.AddSingleton(ChallengeKeys.ProofOfWork);
        services.AddSingleton(sp => new PartnerKeys(sp.GetRequiredService<IOptions<PartnerOptions>>().Value.Keys));
        services.AddSingleton<SubmissionGate>();
        services.AddSingleton<UsedChallengeCleanup>();
        services.AddSingleton<IPassOutcomes, TablePassOutcomes>();
        services.AddSingleton<IAuditLog, TableAuditLog>();

        // Cache-Control: no-store and nosniff on every /api and /fhir answer, in whichever host runs the app.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ApiResponseHeadersStartupFilter>());
        services.AddSingleton<SubmissionIntake>();
        services.AddSingleton<SubmissionChanges>();
        services.AddSingleton<PersonLinking>();
        services.AddSingleton<PrecheckRouting>();
        services.AddSingleton<TeamActions>();
        services.AddSingleton(sp => new Reevaluation(
            sp.GetRequiredService<ITeamLists>(), sp.GetRequiredService<SubmissionChanges>(), sp.GetRequiredService<PrecheckEngine>(),
            sp.GetRequiredService<SiteCalendar>(), sp.GetRequiredService<IPassOutcomes>())
        {
            MaxConcurrency = sp.GetRequiredService<IOptions<IntakeOptions>>().Value.ReevaluationConcurrency,
        });
        services.AddSingleton<FunnelReader>();
        services.AddSingleton<LineShelving>();
        services.AddSingleton(sp => new Reconciliation(
            sp.GetRequiredService<IPendingSubmissions>(), sp.GetRequiredService<IInterruptedMoves>(), sp.GetRequiredService<ISubmissionStore>(), sp.GetRequiredService<IPrecheckQueue>(),
            sp.GetRequiredService<SubmissionChanges>(), sp.GetRequiredService<SiteCalendar>(), sp.GetRequiredService<IPassOutcomes>())
        {
            Grace = TimeSpan.FromMinutes(sp.GetRequiredService<IOptions<IntakeOptions>>().Value.ReconcileAfterMinutes),
        });
        return services;
    }
}
