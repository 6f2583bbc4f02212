// Application Insights on a Log Analytics workspace. Local (key-based) ingestion is off: the app
// sends telemetry as its managed identity (Monitoring Metrics Publisher, see rbac.bicep).

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Days the logs and telemetry are kept (30 to 730; the first 31 days cost nothing extra).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Daily ingestion cap in GB, a ceiling on the cost of a runaway log loop; -1 for none.')
@minValue(-1)
param dailyQuotaGb int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionInDays
    DisableLocalAuth: true
    DisableIpMasking: false
  }
}

output applicationInsightsName string = appInsights.name
output logAnalyticsName string = workspace.name
