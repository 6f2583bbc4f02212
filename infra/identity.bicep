// The app's one identity: a user-assigned managed identity that the Function App runs as. It signs
// in to storage (host and app data), to Application Insights, and it is the federated credential
// of the staff sign-in's app registration, so no secret exists anywhere.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
