// MbcIntake in Azure: one resource group with a Flex Consumption Function App (.NET 10 isolated),
// its storage account, a user-assigned managed identity with the least roles it needs, and
// Application Insights on a Log Analytics workspace. No connection string, key or password is
// created or stored anywhere: every connection signs in as the identity. See docs/deploy.md.
targetScope = 'subscription'

@description('Name of the azd environment; it makes the names of the resources unique.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource; one that offers Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; empty for rg-ENVIRONMENT.')
param resourceGroupName string = ''

@description('Client (application) id of the Microsoft Entra app registration that signs staff in (the preprovision hook makes one when AUTH_CLIENT_ID is empty).')
@minLength(36)
@maxLength(36)
param authClientId string

@description('IANA time zone of the study site: "today" of a pre-check is the date there.')
param siteTimeZone string = 'America/Chicago'

@description('Days ahead in which a scheduled clinical biopsy makes an item urgent.')
@minValue(1)
@maxValue(60)
param urgentWindowDays int = 14

@description('Submissions one client address may send to the public forms per minute (and at once) before it gets 429.')
@minValue(1)
param submissionsPerClientPerMinute int = 20

@description('Proxies that append to X-Forwarded-For in front of the app: 1 for App Service\'s own front end, 2 with Azure Front Door in front of it (and the app reachable only through Front Door). The rate limit counts the entry this many from the right.')
@minValue(1)
@maxValue(10)
param trustedProxyHops int = 1

@description('The study team\'s e-mail address for urgent alerts.')
@minLength(3)
param alertTeamAddress string

@description('E-mail address of the people who run the service: the operations alerts (poison messages, 5xx answers, a reconciler pass that queued a submission again) go there.')
@minLength(3)
param operationsAlertAddress string

@description('Sender address of the alerts (one the SMTP relay may send from).')
@minLength(3)
param alertFromAddress string

@description('Host name of the SMTP relay for the alert e-mails.')
@minLength(1)
param smtpHost string

@description('Port of the SMTP relay: 587 with StartTls, 465 with SslOnConnect, 25 for an internal relay.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('How the SMTP connection is secured.')
@allowed([
  'StartTls'
  'SslOnConnect'
  'StartTlsWhenAvailable'
  'Auto'
  'None'
])
param smtpSecurity string = 'StartTls'

@description('SMTP user name; leave empty for a relay that needs no sign-in (preferred: then no password exists).')
param smtpUserName string = ''

@description('With a user name: the Key Vault secret URI holding the SMTP password (https://VAULT.vault.azure.net/secrets/NAME). The app reads it as its identity; nothing secret passes through this template.')
param smtpPasswordSecretUri string = ''

@description('The Key Vault secret URI (https://VAULT.vault.azure.net/secrets/NAME) of the key, at least 32 characters, that signs the public forms\' proof-of-work challenges. Every instance uses it; the app reads it as its identity.')
param challengeKeySecretUri string

@description('The Key Vault secret URI (https://VAULT.vault.azure.net/secrets/NAME) of the person key, at least 32 characters, that the people index\'s digests of dates of birth and contact details are keyed with (HMAC-SHA-256). Every instance uses it; the app reads it as its identity. Never changed casually: a new key unlinks every stored person.')
param personKeySecretUri string

@description('Key Vault secret URIs of the keys partner systems send in x-partner-key to post without a challenge (at most 3; empty: none).')
@maxLength(3)
param partnerKeySecretUris string[] = []

@description('The proof-of-work cost: the largest number a browser may have to try (docs/performance.md).')
@minValue(1000)
@maxValue(10000000)
param challengeMaxNumber int = 20000

@description('Public address of the service for the links in the alerts (a custom domain); empty for https://HOST of the Function App.')
param publicBaseUrl string = ''

@description('Days the logs and telemetry are kept (30 to 730).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Daily log ingestion cap in GB (a ceiling on cost); -1 for none.')
@minValue(-1)
param logDailyCapGb int = 1

@description('Memory of each Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the Function App may scale out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Lock the storage account against deletion (it holds the submissions).')
param lockStorage bool = true

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'mbcintake'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-mbcintake-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-mbcintake-${resourceToken}'
    applicationInsightsName: 'appi-mbcintake-${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyCapGb
  }
}

module alerts 'alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: 'mbcintake-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    operationsAlertAddress: operationsAlertAddress
  }
}

module storage 'storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stmbc${resourceToken}'
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: 'app-package'
    lockAccount: lockStorage
  }
}

module rbac 'rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module app 'app.bicep' = {
  name: 'app'
  scope: rg
  params: {
    name: 'mbcintake-${resourceToken}'
    planName: 'plan-mbcintake-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    authClientId: authClientId
    siteSettings: {
      timeZone: siteTimeZone
      urgentWindowDays: urgentWindowDays
      submissionsPerClientPerMinute: submissionsPerClientPerMinute
      trustedProxyHops: trustedProxyHops
      smtpHost: smtpHost
      smtpPort: smtpPort
      smtpSecurity: smtpSecurity
      smtpUserName: smtpUserName
      smtpPasswordSecretUri: smtpPasswordSecretUri
      alertFromAddress: alertFromAddress
      alertTeamAddress: alertTeamAddress
      publicBaseUrl: publicBaseUrl
      challengeKeySecretUri: challengeKeySecretUri
      personKeySecretUri: personKeySecretUri
      partnerKeySecretUris: partnerKeySecretUris
      challengeMaxNumber: challengeMaxNumber
    }
  }
  // The host starts as soon as the app exists: its identity must already hold its roles.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output SERVICE_API_NAME string = app.outputs.name
output SERVICE_API_URI string = app.outputs.uri
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AUTH_CLIENT_ID string = authClientId
