// The Function App on a Flex Consumption plan: .NET 10 isolated, HTTPS only, TLS 1.2 or later, no
// FTP and no basic-auth publishing, running as the user-assigned identity with identity-based
// connections only, and App Service Authentication (Microsoft Entra ID) in front of every staff
// page and route.

@description('Name of the Function App (also its host name: NAME.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account (host storage, deployment package, tables and queues).')
param storageAccountName string

@description('Name of the blob container the app is deployed from.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app may scale out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Client (application) id of the Microsoft Entra app registration that signs staff in.')
param authClientId string

@description('Site settings, each becoming an Intake__… app setting (see IntakeOptions and AlertOptions).')
param siteSettings {
  @description('IANA time zone of the study site.')
  timeZone: string
  @description('Days ahead in which a scheduled clinical biopsy makes an item urgent.')
  urgentWindowDays: int
  @description('Submissions one client address may send to the public forms per minute before it gets 429.')
  submissionsPerClientPerMinute: int
  @description('Proxies that append to X-Forwarded-For in front of the app; the client is the entry this many from the right.')
  trustedProxyHops: int
  @description('SMTP relay host for the alert e-mails.')
  smtpHost: string
  @description('SMTP port.')
  smtpPort: int
  @description('How the SMTP connection is secured (MailKit SecureSocketOptions).')
  smtpSecurity: string
  @description('SMTP user name, empty for a relay that needs none.')
  smtpUserName: string
  @description('Key Vault secret URI of the SMTP password, empty for a relay that needs none.')
  smtpPasswordSecretUri: string
  @description('Sender address of the alerts.')
  alertFromAddress: string
  @description('The study team\'s address for urgent alerts.')
  alertTeamAddress: string
  @description('Public address of the service for the links in the alerts; empty for https://HOST of the app.')
  publicBaseUrl: string
  @description('Key Vault secret URI of the key that signs the public forms\' proof-of-work challenges.')
  challengeKeySecretUri: string
  @description('Key Vault secret URI of the person key that the people index\'s digests are keyed with.')
  personKeySecretUri: string
  @description('Key Vault secret URIs of the partner systems\' keys (x-partner-key), at most 3.')
  partnerKeySecretUris: string[]
  @description('The challenge\'s cost: the largest number a browser may have to try.')
  challengeMaxNumber: int
}

// The pages and routes anyone may use: the patient's form (/), the referral form (/refer), their
// scripts and styles (/assets/*), the public submission routes (the FHIR referral route too, for a
// practice's EHR), the FHIR definitions an EHR answers (the Questionnaire, the code systems), and
// the health route (which says only whether storage answers, for monitors that cannot sign in).
// Every other path needs a signed-in staff member: /team, every other /api route (which the
// Functions host also guards with the function key), and whatever a later version adds, until it
// is listed here on purpose.
// A test (InfraTemplateTests) checks this list against the app's anonymous HTTP triggers.
var publicPaths = [
  '/'
  '/refer'
  '/assets/*'
  '/api/screenings'
  '/api/referrals'
  '/api/fhir/referrals'
  '/fhir/Questionnaire/referral'
  '/fhir/CodeSystem/*'
  '/api/health'
  '/api/challenge'
  '/api/openapi.json'
]

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // '10.0' exactly: Flex Consumption accepts an uncatalogued value such as '10', and the app
      // then never starts. A test checks it against the framework the app is built for.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No FTP and no basic-auth (user name and password) publishing: azd deploys with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage and the app's own tables and queues (StorageConnection): the identity, never a key.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    // The app serves its own page at /.
    AzureWebJobsDisableHomepage: 'true'
    // Telemetry with Entra ID: the connection string only names the component (local auth is off).
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // Staff sign-in: the identity is the app registration's federated credential (no client secret),
    // and only tokens of this tenant are taken.
    OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
    WEBSITE_AUTH_AAD_ALLOWED_TENANTS: tenant().tenantId
    // The app reads the signed-in person and their app roles from the principal headers only when
    // told it runs behind App Service Authentication (AuthOptions); nowhere else can a client name itself.
    Intake__Auth__AppServiceAuthentication: 'true'
    // The site's settings (IntakeOptions, AlertOptions).
    Intake__SiteTimeZone: siteSettings.timeZone
    Intake__UrgentWindowDays: string(siteSettings.urgentWindowDays)
    // The rate limit counts per client address (an IPv6 client by its /64): behind the platform's
    // front end that is the X-Forwarded-For entry the outermost trusted proxy added, trustedProxyHops
    // from the right; entries a client forges further left change nothing (RateLimitOptions).
    Intake__RateLimit__PermitsPerMinute: string(siteSettings.submissionsPerClientPerMinute)
    Intake__RateLimit__ClientAddressHeader: 'X-Forwarded-For'
    Intake__RateLimit__TrustedProxyHops: string(siteSettings.trustedProxyHops)
    Intake__Alerts__SmtpHost: siteSettings.smtpHost
    Intake__Alerts__SmtpPort: string(siteSettings.smtpPort)
    Intake__Alerts__Security: siteSettings.smtpSecurity
    Intake__Alerts__FromAddress: siteSettings.alertFromAddress
    Intake__Alerts__TeamAddress: siteSettings.alertTeamAddress
    Intake__Alerts__PublicBaseUrl: empty(siteSettings.publicBaseUrl)
      ? 'https://${site.properties.defaultHostName}'
      : siteSettings.publicBaseUrl
    // A relay that needs no sign-in (preferred) leaves both empty; otherwise the password is a
    // Key Vault reference the app resolves as its identity (keyVaultReferenceIdentity).
    Intake__Alerts__UserName: siteSettings.smtpUserName
    Intake__Alerts__Password: empty(siteSettings.smtpPasswordSecretUri)
      ? ''
      : '@Microsoft.KeyVault(SecretUri=${siteSettings.smtpPasswordSecretUri})'
    // The public forms' proof of work (ChallengeOptions): every instance signs and checks with the
    // same key, a Key Vault reference. Partner systems skip it with one of up to three keys
    // (PartnerOptions); an empty slot is no key.
    Intake__Challenge__HmacKey: '@Microsoft.KeyVault(SecretUri=${siteSettings.challengeKeySecretUri})'
    Intake__Challenge__MaxNumber: string(siteSettings.challengeMaxNumber)
    // The people index's keyed digests (PersonKeyOptions): HMAC-SHA-256 with this key, a Key Vault
    // reference; the app does not start in Azure without it.
    Intake__PersonKey__Secret: '@Microsoft.KeyVault(SecretUri=${siteSettings.personKeySecretUri})'
    Intake__Partners__Keys__0: length(siteSettings.partnerKeySecretUris) > 0
      ? '@Microsoft.KeyVault(SecretUri=${siteSettings.partnerKeySecretUris[0]})'
      : ''
    Intake__Partners__Keys__1: length(siteSettings.partnerKeySecretUris) > 1
      ? '@Microsoft.KeyVault(SecretUri=${siteSettings.partnerKeySecretUris[1]})'
      : ''
    Intake__Partners__Keys__2: length(siteSettings.partnerKeySecretUris) > 2
      ? '@Microsoft.KeyVault(SecretUri=${siteSettings.partnerKeySecretUris[2]})'
      : ''
  }
}

resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: publicPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          // Tokens for the app itself (v2: its client id; v1: its application id URI).
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: true
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
      nonce: {
        validateNonce: true
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
  dependsOn: [
    appSettings
  ]
}

output name string = site.name
output hostName string = site.properties.defaultHostName
output uri string = 'https://${site.properties.defaultHostName}'
