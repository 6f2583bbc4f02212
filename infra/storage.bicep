// The storage account: the Functions host's storage, the deployment package container, and the
// app's tables and queues. No key can sign in (shared-key access is off), nothing is public, and
// deleted blobs and containers are kept for a while.

@description('Name of the storage account (3 to 24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Redundancy: Standard_LRS (three copies in one datacenter), or Standard_ZRS / Standard_GZRS where the region has availability zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Name of the blob container the Flex Consumption app is deployed from.')
param deploymentContainerName string

@description('Days deleted blobs and containers can be restored (the deployment package and the host\'s blobs).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 14

@description('Put a CanNotDelete lock on the account: the tables hold the registry\'s submissions, and Table storage has no soft delete.')
param lockAccount bool

// Every table and queue the app uses, as StorageNames (src/Intake.Functions/Storage/StorageNames.cs)
// lists them. A test (InfraTemplateTests) compiles this template and checks that both lists are
// exactly StorageNames.Tables and StorageNames.Queues, so a name added in the code fails the build
// until it is created here too. The tables made by the app with their first row are not here: the
// funnel's month tables (funnel202612, ...) and the lists' shelves (worklist0b202612, screenedout202612,
// ...; docs/storage.md), which its Storage Table Data Contributor role allows it to make.
// The submissions are spread over sixteen tables by a hash of the id (SubmissionTables, docs/storage.md); an
// account deployed before keeps its one 'submissions' table, which this template neither makes nor removes.
var tables = [
  'submissions0'
  'submissions1'
  'submissions2'
  'submissions3'
  'submissions4'
  'submissions5'
  'submissions6'
  'submissions7'
  'submissions8'
  'submissions9'
  'submissionsa'
  'submissionsb'
  'submissionsc'
  'submissionsd'
  'submissionse'
  'submissionsf'
  'teamlists'
  'people'
  'alertbudget'
  'challenges'
  'timerpasses'
  'audit'
  'funnel'
]
var queues = [
  'precheck'
  'precheck-poison'
  'alerts'
  'alerts-poison'
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

resource accountLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockAccount) {
  name: '${name}-do-not-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the MbcIntake registry\'s submissions (Table storage has no soft delete). Remove this lock on purpose before deleting the account.'
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
