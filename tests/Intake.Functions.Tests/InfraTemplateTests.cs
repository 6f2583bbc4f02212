using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Intake.Functions.Triggers;
using Intake.Functions.Storage;
using Intake.Functions.Telemetry;
using Intake.Testing;
using MailKit.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Intake.Functions.Tests;

/// <summary>
/// infra/ (compiled by the pinned Bicep CLI) against the code: every table and queue the code uses
/// is created, the app settings are the identity-based ones the code reads, the public routes are
/// exactly the anonymous ones, and the safe choices are made. Nothing here reaches Azure.
/// </summary>
public sealed partial class InfraTemplateTests
{
    private const string Tables = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string Queues = "Microsoft.Storage/storageAccounts/queueServices/queues";

    private static IReadOnlyList<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_table_the_code_uses_is_created_by_the_Bicep_and_no_other()
    {
        var created = InfraTemplate.OfType(Tables).SelectMany(r => r.Names());

        Assert.Equal(Sorted(StorageNames.Tables), Sorted(created));
    }

    [Fact]
    public void Every_queue_the_code_uses_poison_queues_included_is_created_by_the_Bicep_and_no_other()
    {
        var created = InfraTemplate.OfType(Queues).SelectMany(r => r.Names());

        Assert.Equal(Sorted(StorageNames.Queues), Sorted(created));
        Assert.Contains(StorageNames.PrecheckQueue + StorageNames.PoisonSuffix, created);
        Assert.Contains(StorageNames.AlertsQueue + StorageNames.PoisonSuffix, created);
    }

    [Fact]
    public void The_storage_account_takes_no_key_shows_nothing_publicly_and_keeps_deleted_blobs()
    {
        var account = InfraTemplate.Single("Microsoft.Storage/storageAccounts");
        var blobs = InfraTemplate.Single("Microsoft.Storage/storageAccounts/blobServices");

        Assert.False((bool)account.Property("allowSharedKeyAccess")!);
        Assert.False((bool)account.Property("allowBlobPublicAccess")!);
        Assert.True((bool)account.Property("supportsHttpsTrafficOnly")!);
        Assert.Equal("TLS1_2", (string)account.Property("minimumTlsVersion")!);
        Assert.True((bool)blobs.Property("deleteRetentionPolicy", "enabled")!);
        Assert.True((bool)blobs.Property("containerDeleteRetentionPolicy", "enabled")!);
        Assert.Equal("None", (string)InfraTemplate.Single("Microsoft.Storage/storageAccounts/blobServices/containers").Property("publicAccess")!);
    }

    [Fact]
    public void The_function_app_is_flex_consumption_dotnet_10_isolated_https_only_TLS_1_2_without_FTP_or_basic_auth()
    {
        var plan = InfraTemplate.Single("Microsoft.Web/serverfarms");
        var site = InfraTemplate.Single("Microsoft.Web/sites");

        Assert.Equal(("FC1", "FlexConsumption"), ((string)plan.Json["sku"]!["name"]!, (string)plan.Json["sku"]!["tier"]!));
        Assert.Equal("functionapp,linux", (string)site.Json["kind"]!);
        Assert.True((bool)site.Property("httpsOnly")!);
        Assert.Equal("1.2", (string)site.Property("siteConfig", "minTlsVersion")!);
        Assert.Equal("Disabled", (string)site.Property("siteConfig", "ftpsState")!);
        Assert.Equal("dotnet-isolated", (string)site.Property("functionAppConfig", "runtime", "name")!);
        Assert.Equal("10.0", (string)site.Property("functionAppConfig", "runtime", "version")!);
        // ... the framework the app is built for (".NETCoreApp,Version=v10.0").
        Assert.EndsWith(
            "v" + (string)site.Property("functionAppConfig", "runtime", "version")!,
            typeof(PagesFunction).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName,
            StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string)site.Property("functionAppConfig", "deployment", "storage", "authentication", "type")!);
        Assert.Equal("UserAssigned", (string)site.Json["identity"]!["type"]!);
        Assert.Contains("createObject('azd-service-name', 'api')", site.Json["tags"]!.ToString(), StringComparison.Ordinal);

        var publishing = InfraTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(["ftp", "scm"], Sorted(publishing.SelectMany(p => p.Names())));
        Assert.All(publishing, p => Assert.False((bool)p.Property("allow")!));
    }

    [Fact]
    public void The_app_settings_connect_to_storage_with_the_managed_identity_and_hold_no_connection_string_or_key()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", (string)settings["AzureWebJobsStorage__credential"]!);
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Select(s => s.Key));
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Select(s => s.Key));
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings.Select(s => s.Key));
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings.Select(s => s.Key));
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Select(s => s.Key));
        Assert.Equal("true", (string)settings["AzureWebJobsDisableHomepage"]!);
        Assert.Contains("Authorization=AAD", (string)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]!, StringComparison.Ordinal);

        // No key, SAS or secret anywhere in the template: nothing lists keys, no parameter is secret.
        foreach (var forbidden in new[] { "listKeys", "listAccountSas", "listServiceSas", "AccountKey", "SharedAccessSignature", "securestring", "secureObject" })
        {
            Assert.DoesNotContain(forbidden, InfraTemplate.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_telemetry_settings_the_Bicep_writes_make_the_app_export_to_Azure_Monitor_as_its_identity()
    {
        var settings = AppSettings();
        var connectionString = (string)settings[TelemetryServiceCollectionExtensions.AzureMonitorSetting]!;
        var authentication = (string)settings[TelemetryServiceCollectionExtensions.AzureMonitorAuthenticationSetting]!;

        Assert.Contains("ConnectionString", connectionString, StringComparison.Ordinal);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", authentication);
        // What the app makes of them: an exporter, signing in as the user-assigned identity.
        Assert.True(EnvironmentSettings.Build(new Dictionary<string, string> { [TelemetryServiceCollectionExtensions.AzureMonitorSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000" }).ExportsTelemetry());
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.AzureMonitorCredential("ClientId=00000000-1111-2222-3333-444444444444;Authorization=AAD"));
        // The Functions host exports its own spans (the HTTP requests the 5xx alert reads) with OpenTelemetry too.
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "host.json")))!;
        Assert.Equal("OpenTelemetry", (string)host["telemetryMode"]!);
    }

    [Fact]
    public void Every_operations_alert_e_mails_one_action_group_whose_address_is_a_required_parameter_from_the_azd_environment()
    {
        var group = InfraTemplate.Single("Microsoft.Insights/actionGroups");
        var rules = InfraTemplate.Single("Microsoft.Insights/scheduledQueryRules");

        var receiver = Assert.Single(group.Property("emailReceivers")!.AsArray());
        Assert.Equal("[parameters('operationsAlertAddress')]", (string)receiver!["emailAddress"]!);
        Assert.True((bool)group.Property("enabled")!);
        Assert.True(((string)group.Property("groupShortName")!).Length <= 12);
        var parameter = InfraTemplate.Root["parameters"]!["operationsAlertAddress"]!;
        Assert.Null(parameter["defaultValue"]);
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${INTAKE_OPERATIONS_ALERT_ADDRESS}", (string)file["operationsAlertAddress"]!["value"]!);
        Assert.Contains("INTAKE_OPERATIONS_ALERT_ADDRESS", File.ReadAllText(Path.Combine(Repository.Root, "infra", "hooks", "preprovision.sh")), StringComparison.Ordinal);

        var actionGroup = Assert.Single(rules.Property("actions", "actionGroups")!.AsArray());
        Assert.Contains("Microsoft.Insights/actionGroups", (string)actionGroup!, StringComparison.Ordinal);
        Assert.True((bool)rules.Property("enabled")!);
        Assert.Equal("LogAlert", (string)rules.Json["kind"]!);
        Assert.Contains("Microsoft.Insights/components", (string)Assert.Single(rules.Property("scopes")!.AsArray())!, StringComparison.Ordinal);
        var condition = Assert.Single(rules.Property("criteria", "allOf")!.AsArray())!;
        Assert.Equal("GreaterThan", (string)condition["operator"]!);
        Assert.Equal(0, (int)condition["threshold"]!);
    }

    [Fact]
    public void The_alerts_fire_on_a_poison_message_any_5xx_and_a_reconciler_pass_that_queued_again_reading_the_apps_own_metric_names()
    {
        var rules = InfraTemplate.Single("Microsoft.Insights/scheduledQueryRules");
        var defined = ((JsonArray)rules.Template["variables"]!["rules"]!).Select(r => r!.AsObject()).ToDictionary(r => (string)r["name"]!);

        Assert.Equal(["poison-messages", "reconciler-requeued", "server-errors"], Sorted(defined.Keys));
        var poison = (string)defined["poison-messages"]["query"]!;
        Assert.Contains($"name == \"{IntakeMetrics.PoisonMessages}\"", poison, StringComparison.Ordinal);
        Assert.Contains($"customDimensions[\"{IntakeMetrics.QueueTag}\"]", poison, StringComparison.Ordinal);
        Assert.Equal("Poisoned", (string)defined["poison-messages"]["metricMeasureColumn"]!);
        Assert.Contains($"name == \"{IntakeMetrics.ReconcilerRequeued}\"", (string)defined["reconciler-requeued"]["query"]!, StringComparison.Ordinal);
        Assert.Equal("requests | where toint(resultCode) >= 500", (string)defined["server-errors"]["query"]!);
        Assert.Equal("Count", (string)defined["server-errors"]["timeAggregation"]!);
    }

    [Fact]
    public void The_storage_settings_the_Bicep_writes_make_the_app_sign_in_with_the_identity()
    {
        // The setting names exactly as the Bicep writes them, as environment variables (double
        // underscores), with values of the shape Azure fills in.
        var names = AppSettings().Select(s => s.Key).Where(k => k.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal)).ToList();
        var values = names.ToDictionary(n => n, n => n.Split("__")[1] switch
        {
            "credential" => "managedidentity",
            "clientId" => "00000000-1111-2222-3333-444444444444",
            var service when service.EndsWith("ServiceUri", StringComparison.Ordinal) =>
                $"https://stmbcexample.{service[..^"ServiceUri".Length]}.core.windows.net/",
            var other => throw new InvalidOperationException($"An AzureWebJobsStorage setting the code does not know: {other}"),
        });

        var connection = StorageConnection.From(EnvironmentSettings.Build(values));

        Assert.True(connection.UsesIdentity);
        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://stmbcexample.table.core.windows.net/"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stmbcexample.queue.core.windows.net/"), connection.QueueServiceUri);
        Assert.Equal("00000000-1111-2222-3333-444444444444", connection.ManagedIdentityClientId);
    }

    [Fact]
    public void The_site_settings_are_parameters_and_every_parameter_without_a_default_comes_from_main_parameters_json()
    {
        var parameters = InfraTemplate.Root["parameters"]!.AsObject();
        var settings = AppSettings();

        Assert.Equal("[parameters('siteSettings').timeZone]", (string)settings["Intake__SiteTimeZone"]!);
        Assert.Equal("[string(parameters('siteSettings').urgentWindowDays)]", (string)settings["Intake__UrgentWindowDays"]!);
        Assert.Equal("[parameters('siteSettings').alertTeamAddress]", (string)settings["Intake__Alerts__TeamAddress"]!);
        foreach (var name in new[] { "siteTimeZone", "urgentWindowDays", "alertTeamAddress", "alertFromAddress", "smtpHost", "smtpPort", "smtpSecurity", "logRetentionDays" })
        {
            Assert.Contains(name, parameters.Select(p => p.Key));
        }

        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Empty(file.Select(p => p.Key).Except(parameters.Select(p => p.Key)));
        Assert.Empty(parameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).Except(file.Select(p => p.Key)));
    }

    [Fact]
    public void The_rate_limit_reads_the_client_from_X_Forwarded_For_at_a_hop_count_the_app_accepts()
    {
        var settings = AppSettings();
        var hops = InfraTemplate.Root["parameters"]!["trustedProxyHops"]!;
        var range = typeof(RateLimitOptions).GetProperty(nameof(RateLimitOptions.TrustedProxyHops))!
            .GetCustomAttribute<System.ComponentModel.DataAnnotations.RangeAttribute>()!;

        Assert.Equal("X-Forwarded-For", (string)settings["Intake__RateLimit__ClientAddressHeader"]!);
        Assert.Equal("[string(parameters('siteSettings').trustedProxyHops)]", (string)settings["Intake__RateLimit__TrustedProxyHops"]!);
        Assert.Equal(new RateLimitOptions().TrustedProxyHops, (int)hops["defaultValue"]!);
        Assert.Equal(((int)range.Minimum, (int)range.Maximum), ((int)hops["minValue"]!, (int)hops["maxValue"]!));
    }

    [Fact]
    public void Every_SMTP_security_the_template_allows_is_one_the_app_reads()
    {
        var allowed = InfraTemplate.Root["parameters"]!["smtpSecurity"]!["allowedValues"]!.AsArray().Select(v => (string)v!);

        Assert.All(allowed, value => Assert.True(Enum.TryParse<SecureSocketOptions>(value, out _), value));
    }

    [Fact]
    public void Logs_go_to_Application_Insights_on_a_Log_Analytics_workspace_with_the_retention_a_parameter_and_no_key_ingestion()
    {
        var workspace = InfraTemplate.Single("Microsoft.OperationalInsights/workspaces");
        var insights = InfraTemplate.Single("Microsoft.Insights/components");

        Assert.Equal("[parameters('retentionInDays')]", (string)workspace.Property("retentionInDays")!);
        Assert.NotNull(insights.Property("WorkspaceResourceId"));
        Assert.True((bool)insights.Property("DisableLocalAuth")!);
        Assert.Equal(730, (int)InfraTemplate.Root["parameters"]!["logRetentionDays"]!["maxValue"]!);
    }

    [Fact]
    public void The_identity_gets_only_its_storage_data_roles_and_telemetry_publishing()
    {
        var assignments = InfraTemplate.OfType("Microsoft.Authorization/roleAssignments");
        var roles = assignments.SelectMany(RoleDefinitions).ToList();

        Assert.Equal(
            Sorted([
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
                "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host storage, deployment container)
            ]),
            Sorted(roles));
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", (string)a.Property("principalType")!));
    }

    [Fact]
    public void Staff_sign_in_is_required_with_Entra_ID_and_the_managed_identity_instead_of_a_client_secret()
    {
        var auth = InfraTemplate.SiteConfig("authsettingsV2");

        Assert.True((bool)auth.Property("platform", "enabled")!);
        Assert.True((bool)auth.Property("globalValidation", "requireAuthentication")!);
        Assert.Equal("RedirectToLoginPage", (string)auth.Property("globalValidation", "unauthenticatedClientAction")!);
        Assert.True((bool)auth.Property("identityProviders", "azureActiveDirectory", "enabled")!);
        Assert.Equal("[parameters('authClientId')]", (string)auth.Property("identityProviders", "azureActiveDirectory", "registration", "clientId")!);
        var secretSetting = (string)auth.Property("identityProviders", "azureActiveDirectory", "registration", "clientSecretSettingName")!;
        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", secretSetting);
        Assert.Equal("[parameters('identityClientId')]", (string)AppSettings()[secretSetting]!);
        Assert.True((bool)auth.Property("httpSettings", "requireHttps")!);
        Assert.True((bool)auth.Property("login", "preserveUrlFragmentsForLogins")!);
    }

    [Fact]
    public void The_app_is_told_it_runs_behind_App_Service_Authentication_so_it_reads_the_signed_in_principal()
    {
        var setting = AuthOptions.Section.Replace(":", "__", StringComparison.Ordinal) + "__" + nameof(AuthOptions.AppServiceAuthentication);

        Assert.Equal("true", (string)AppSettings()[setting]!);
        Assert.True((bool)InfraTemplate.SiteConfig("authsettingsV2").Property("globalValidation", "requireAuthentication")!);
    }

    [Fact]
    public void The_app_registration_declares_the_two_app_roles_the_code_reads_and_requires_assignment()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "app-roles.json")))!.AsArray();

        Assert.Equal(Sorted([Http.ClientPrincipal.CoordinatorRole, Http.ClientPrincipal.ManagerRole]), Sorted(roles.Select(r => (string)r!["value"]!)));
        Assert.Equal(roles.Count, roles.Select(r => Guid.Parse((string)r!["id"]!)).Distinct().Count());
        Assert.All(roles, r =>
        {
            Assert.True((bool)r!["isEnabled"]!);
            Assert.Equal(["User"], r["allowedMemberTypes"]!.AsArray().Select(t => (string)t!));
            Assert.False(string.IsNullOrWhiteSpace((string?)r["displayName"]));
        });
        foreach (var hook in new[] { "preprovision.sh", "postprovision.sh" })
        {
            var script = File.ReadAllText(Path.Combine(Repository.Root, "infra", "hooks", hook));
            Assert.Contains("app-roles.json", script, StringComparison.Ordinal);
            Assert.Contains("appRoles\\\": $roles", script, StringComparison.Ordinal);
            Assert.Contains("appRoleAssignmentRequired=true", script, StringComparison.Ordinal);
        }
    }

    /// <summary>The public pages (the patient's and the referral form); /team is the staff page.</summary>
    private static readonly string[] PublicPages = ["/", "/refer"];

    [Fact]
    public void Only_the_public_forms_their_assets_and_the_anonymous_routes_are_open_without_sign_in()
    {
        var excluded = ExcludedPaths();
        var triggers = HttpTriggers();

        var expected = new List<string>(PublicPages);
        foreach (var (function, trigger) in triggers.Where(t => t.Trigger.AuthLevel == AuthorizationLevel.Anonymous))
        {
            var route = trigger.Route ?? function;
            if (route == "{page?}")
            {
                continue; // the pages, listed above
            }
            var fixedPart = route.Split('{')[0];
            expected.Add(fixedPart.Length == route.Length ? "/" + route : "/" + fixedPart + "*");
        }

        Assert.Equal(Sorted(expected), Sorted(excluded));
        Assert.DoesNotContain("/team", excluded);
        // No staff route (function key) is reachable through an excluded path.
        foreach (var (function, trigger) in triggers.Where(t => t.Trigger.AuthLevel != AuthorizationLevel.Anonymous))
        {
            var path = "/" + RouteParameter().Replace(trigger.Route ?? function, "x");
            Assert.DoesNotContain(excluded, e => e == path || (e.EndsWith("/*", StringComparison.Ordinal) && path.StartsWith(e[..^1], StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void The_azd_project_deploys_the_Functions_project_as_a_function_and_its_hooks_exist()
    {
        var yaml = File.ReadAllText(Path.Combine(Repository.Root, "azure.yaml"));

        Assert.Matches(@"(?m)^  api:\r?\n    project: \./src/Intake\.Functions\r?\n    language: dotnet\r?\n    host: function$", yaml);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "src", "Intake.Functions", "Intake.Functions.csproj")));
        var hooks = Regex.Matches(yaml, @"run: \./(?<path>\S+)").Select(m => m.Groups["path"].Value).ToList();
        Assert.Equal(["infra/hooks/postdeploy.sh", "infra/hooks/postprovision.sh", "infra/hooks/preprovision.sh"], Sorted(hooks));
        Assert.All(hooks, hook => Assert.True(File.Exists(Path.Combine(Repository.Root, hook)), hook));
    }

    [Fact]
    public void The_challenge_key_and_the_partner_keys_are_Key_Vault_references_and_the_challenge_route_is_public()
    {
        var settings = AppSettings();

        var key = (string)settings["Intake__Challenge__HmacKey"]!;
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", key, StringComparison.Ordinal);
        Assert.Contains("challengeKeySecretUri", key, StringComparison.Ordinal);
        foreach (var slot in new[] { 0, 1, 2 })
        {
            var partner = (string)settings[$"Intake__Partners__Keys__{slot}"]!;
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", partner, StringComparison.Ordinal);
            Assert.Contains("partnerKeySecretUris", partner, StringComparison.Ordinal);
        }
        Assert.Contains("/api/challenge", ExcludedPaths());
    }

    [Fact]
    public void The_person_key_is_a_Key_Vault_reference_from_a_required_parameter_that_the_preprovision_hook_checks()
    {
        var key = (string)AppSettings()["Intake__PersonKey__Secret"]!;

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", key, StringComparison.Ordinal);
        Assert.Contains("personKeySecretUri", key, StringComparison.Ordinal);
        Assert.Null(InfraTemplate.Root["parameters"]!["personKeySecretUri"]!["defaultValue"]);
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.parameters.json")))!["parameters"]!;
        Assert.Equal("${INTAKE_PERSON_KEY_SECRET_URI}", (string)file["personKeySecretUri"]!["value"]!);
        Assert.Contains("INTAKE_PERSON_KEY_SECRET_URI", File.ReadAllText(Path.Combine(Repository.Root, "infra", "hooks", "preprovision.sh")), StringComparison.Ordinal);
    }

    private static JsonObject AppSettings()
    {
        var properties = InfraTemplate.SiteConfig("appsettings").Properties;
        Assert.All(properties, p => Assert.IsAssignableFrom<JsonValue>(p.Value));
        return properties;
    }

    private static IReadOnlyList<string> ExcludedPaths() =>
        [.. InfraTemplate.SiteConfig("authsettingsV2").Property("globalValidation", "excludedPaths")!.AsArray().Select(p => (string)p!)];

    private static IEnumerable<string> RoleDefinitions(InfraTemplate.Resource assignment)
    {
        var id = (string)assignment.Property("roleDefinitionId")!;
        if (CopiedRole().Match(id) is { Success: true } copied)
        {
            return assignment.Template["variables"]![copied.Groups["variable"].Value]!.AsArray().Select(r => (string)r!["id"]!);
        }
        if (VariableRole().Match(id) is { Success: true } variable)
        {
            return [(string)assignment.Template["variables"]![variable.Groups["variable"].Value]!];
        }
        throw new InvalidOperationException($"Cannot read the role of '{id}'.");
    }

    /// <summary>Every HTTP trigger of the Functions app: the function's name and its attribute.</summary>
    private static IReadOnlyList<(string Function, HttpTriggerAttribute Trigger)> HttpTriggers() =>
    [
        .. from type in typeof(PagesFunction).Assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           where function is not null
           from parameter in method.GetParameters()
           let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
           where trigger is not null
           select (function.Name, trigger),
    ];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"variables\('(?<variable>[^']+)'\)\[copyIndex\(\)\]\.id\)\]$")]
    private static partial Regex CopiedRole();

    [GeneratedRegex(@"variables\('(?<variable>[^']+)'\)\)\]$")]
    private static partial Regex VariableRole();
}
