// The least the app's identity needs, and nothing for anyone else:
// - Storage Blob Data Owner on the account: the Functions host's own storage (keys, timer and
//   singleton leases in azure-webjobs-* containers) and the Flex Consumption deployment package
//   container; it is what Microsoft documents for an identity-based AzureWebJobsStorage.
// - Storage Queue Data Contributor: the queue triggers (precheck, alerts), their -poison queues,
//   and the app's own sends.
// - Storage Table Data Contributor: the app's tables.
// - Monitoring Metrics Publisher on Application Insights: telemetry with Entra ID, since local
//   (key) ingestion is off.

@description('Object (principal) id of the app\'s user-assigned managed identity.')
param principalId string

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

var storageRoles = [
  {
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  {
    name: 'Storage Queue Data Contributor'
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  }
  {
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
]
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, principalId, role.id)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      description: 'MbcIntake app identity: ${role.name}'
    }
  }
]

resource telemetryAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    description: 'MbcIntake app identity: Monitoring Metrics Publisher'
  }
}
