#!/bin/sh
# azd preprovision hook (azure.yaml). Before anything is created:
#  1. the site's required settings must be set in the azd environment;
#  2. the staff sign-in needs a Microsoft Entra app registration: when AUTH_CLIENT_ID is empty,
#     this makes one with the Azure CLI (single tenant, the app roles of infra/app-roles.json,
#     sign-in only for users assigned to it, a user_impersonation scope the Azure CLI may ask tokens for) and saves its client id in the
#     environment. It never makes a client secret: postprovision.sh gives it the app's managed
#     identity as its credential.
# Needs: azd, and for step 2 the Azure CLI signed in to the same tenant with the right to create
# app registrations. Without that right, have an administrator make one (docs/deploy.md) and run
# `azd env set AUTH_CLIENT_ID <its client id>`.
set -eu

fail() {
  echo "error: $*" >&2
  exit 1
}

missing=""
for name in INTAKE_ALERT_TEAM_ADDRESS INTAKE_ALERT_FROM_ADDRESS INTAKE_SMTP_HOST INTAKE_OPERATIONS_ALERT_ADDRESS INTAKE_CHALLENGE_KEY_SECRET_URI INTAKE_PERSON_KEY_SECRET_URI; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    missing="$missing $name"
  fi
done
if [ -n "$missing" ]; then
  fail "these settings are not set in the azd environment:$missing
Set each with: azd env set NAME VALUE  (docs/deploy.md, section 'Settings')."
fi
if [ -n "${INTAKE_SMTP_USER_NAME:-}" ] && [ -z "${INTAKE_SMTP_PASSWORD_SECRET_URI:-}" ]; then
  fail "INTAKE_SMTP_USER_NAME is set but INTAKE_SMTP_PASSWORD_SECRET_URI (the Key Vault secret URI of the password) is not: set both or neither."
fi
if [ -z "${INTAKE_SMTP_USER_NAME:-}" ] && [ -n "${INTAKE_SMTP_PASSWORD_SECRET_URI:-}" ]; then
  fail "INTAKE_SMTP_PASSWORD_SECRET_URI is set but INTAKE_SMTP_USER_NAME is not: set both or neither."
fi

if [ -n "${AUTH_CLIENT_ID:-}" ]; then
  echo "Staff sign-in: using the app registration $AUTH_CLIENT_ID."
  exit 0
fi

command -v az >/dev/null 2>&1 \
  || fail "AUTH_CLIENT_ID is not set, and making the staff sign-in's app registration needs the Azure CLI (az). Install it and run 'az login', or set AUTH_CLIENT_ID to an existing registration (docs/deploy.md)."
tenant="$(az account show --query tenantId -o tsv 2>/dev/null)" \
  || fail "the Azure CLI is not signed in: run 'az login --tenant <your tenant>' and 'azd up' again."
if [ -n "${AZURE_TENANT_ID:-}" ] && [ "$tenant" != "$AZURE_TENANT_ID" ]; then
  fail "the Azure CLI is signed in to tenant $tenant but this environment deploys to $AZURE_TENANT_ID: run 'az login --tenant $AZURE_TENANT_ID'."
fi

new_uuid() {
  if command -v uuidgen >/dev/null 2>&1; then
    uuidgen | tr '[:upper:]' '[:lower:]'
  elif [ -r /proc/sys/kernel/random/uuid ]; then
    cat /proc/sys/kernel/random/uuid
  else
    fail "cannot make a UUID (no uuidgen)."
  fi
}

display_name="MbcIntake staff sign-in (${AZURE_ENV_NAME:-mbcintake})"
echo "Staff sign-in: making the app registration '$display_name' in tenant $tenant."
app_id="$(az ad app create --display-name "$display_name" --sign-in-audience AzureADMyOrg \
  --enable-id-token-issuance true --query appId -o tsv)"
object_id="$(az ad app show --id "$app_id" --query id -o tsv)"
graph="https://graph.microsoft.com/v1.0/applications/$object_id"

# An API scope, so that a staff member's script can sign in with the Azure CLI too:
#   az account get-access-token --scope api://$app_id/user_impersonation
scope_id="$(new_uuid)"
az ad app update --id "$app_id" --identifier-uris "api://$app_id"
az rest --method PATCH --uri "$graph" --headers "Content-Type=application/json" --body "{
  \"api\": {
    \"requestedAccessTokenVersion\": 2,
    \"oauth2PermissionScopes\": [{
      \"id\": \"$scope_id\",
      \"value\": \"user_impersonation\",
      \"type\": \"User\",
      \"isEnabled\": true,
      \"adminConsentDisplayName\": \"Use MbcIntake as the signed-in staff member\",
      \"adminConsentDescription\": \"Lets the app act for the signed-in member of the study team.\",
      \"userConsentDisplayName\": \"Use MbcIntake as you\",
      \"userConsentDescription\": \"Lets the app act for you.\"
    }]
  }
}"
# The Azure CLI's well-known client id, allowed to ask for that scope without a consent prompt.
az rest --method PATCH --uri "$graph" --headers "Content-Type=application/json" --body "{
  \"api\": {
    \"preAuthorizedApplications\": [{
      \"appId\": \"04b07795-8ddb-461a-bbee-02f9e1bf7b46\",
      \"delegatedPermissionIds\": [\"$scope_id\"]
    }]
  }
}"

# The study team's two app roles (infra/app-roles.json: Intake.Coordinator, Intake.Manager), which
# the app reads from the signed-in principal's roles claim; a person signed in without one gets 403.
roles="$(tr -d '\n' < "$(dirname "$0")/../app-roles.json")"
az rest --method PATCH --uri "$graph" --headers "Content-Type=application/json" --body "{ \"appRoles\": $roles }"

# Only the people assigned to the enterprise application (to one of its roles) may sign in.
az ad sp create --id "$app_id" --query id -o tsv >/dev/null
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true

azd env set AUTH_CLIENT_ID "$app_id"
echo "Staff sign-in: app registration $app_id made; no one can sign in until the study team is assigned to it (docs/deploy.md, 'Signing staff in')."
