#!/bin/sh
# azd postprovision hook (azure.yaml). Once the Function App and its identity exist, points the
# staff sign-in's app registration at them (idempotent, safe to run again):
#  - its web redirect URI: https://HOST/.auth/login/aad/callback (and the custom domain's, if any);
#  - a federated identity credential for the app's user-assigned managed identity, which App
#    Service Authentication uses instead of a client secret (OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID);
#  - the app roles of infra/app-roles.json (Intake.Coordinator, Intake.Manager) when missing, and
#    "assignment required" on its enterprise application, so only people given a role sign in.
# Needs the Azure CLI signed in as someone who may change that app registration (its owner).
set -eu

fail() {
  echo "error: $*" >&2
  exit 1
}

: "${AUTH_CLIENT_ID:?AUTH_CLIENT_ID is not set}"
: "${SERVICE_API_URI:?SERVICE_API_URI is not set (an output of infra/main.bicep)}"
: "${AZURE_IDENTITY_PRINCIPAL_ID:?AZURE_IDENTITY_PRINCIPAL_ID is not set (an output of infra/main.bicep)}"
: "${AZURE_TENANT_ID:?AZURE_TENANT_ID is not set (an output of infra/main.bicep)}"

command -v az >/dev/null 2>&1 \
  || fail "the Azure CLI (az) is needed to finish the staff sign-in set-up; install it, 'az login', then run 'azd hooks run postprovision'."

# Redirect URIs: keep the ones there, add ours.
current="$(az ad app show --id "$AUTH_CLIENT_ID" --query "web.redirectUris" -o tsv)"
wanted="$current"
for base in "$SERVICE_API_URI" "${INTAKE_PUBLIC_BASE_URL:-}"; do
  [ -n "$base" ] || continue
  uri="${base%/}/.auth/login/aad/callback"
  if ! printf '%s\n' "$wanted" | grep -Fxq "$uri"; then
    wanted="$wanted
$uri"
  fi
done
if [ "$wanted" != "$current" ]; then
  echo "Staff sign-in: adding the redirect URIs of $SERVICE_API_URI to app registration $AUTH_CLIENT_ID."
  # One URI a line, none with a space: word splitting hands each to az as its own argument.
  # shellcheck disable=SC2086
  az ad app update --id "$AUTH_CLIENT_ID" --web-redirect-uris $wanted
fi

# The app's managed identity as the registration's credential (no client secret).
count="$(az ad app federated-credential list --id "$AUTH_CLIENT_ID" \
  --query "length([?subject=='$AZURE_IDENTITY_PRINCIPAL_ID'])" -o tsv)"
if [ "$count" = "0" ]; then
  echo "Staff sign-in: trusting the app's managed identity ($AZURE_IDENTITY_PRINCIPAL_ID) as the credential of $AUTH_CLIENT_ID."
  az ad app federated-credential create --id "$AUTH_CLIENT_ID" --parameters "{
    \"name\": \"mbcintake-app-identity-$AZURE_IDENTITY_PRINCIPAL_ID\",
    \"issuer\": \"https://login.microsoftonline.com/$AZURE_TENANT_ID/v2.0\",
    \"subject\": \"$AZURE_IDENTITY_PRINCIPAL_ID\",
    \"audiences\": [\"api://AzureADTokenExchange\"],
    \"description\": \"The MbcIntake Function App's user-assigned managed identity, instead of a client secret.\"
  }" >/dev/null
fi
# The app roles (infra/app-roles.json), also on a registration an administrator made: added when
# missing. A registration with other app roles of its own is left to the administrator (docs/deploy.md).
missing_roles=""
for role in Intake.Coordinator Intake.Manager; do
  found="$(az ad app show --id "$AUTH_CLIENT_ID" --query "length(appRoles[?value=='$role'])" -o tsv)"
  [ "$found" != "0" ] || missing_roles="$missing_roles $role"
done
if [ -n "$missing_roles" ]; then
  others="$(az ad app show --id "$AUTH_CLIENT_ID" --query "length(appRoles)" -o tsv)"
  [ "$others" = "0" ] \
    || fail "app registration $AUTH_CLIENT_ID lacks the app roles$missing_roles and has others of its own: add the roles of infra/app-roles.json to it by hand (docs/deploy.md, 'Roles')."
  object_id="$(az ad app show --id "$AUTH_CLIENT_ID" --query id -o tsv)"
  roles="$(tr -d '\n' < "$(dirname "$0")/../app-roles.json")"
  echo "Staff sign-in: declaring the app roles Intake.Coordinator and Intake.Manager on $AUTH_CLIENT_ID."
  az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
    --headers "Content-Type=application/json" --body "{ \"appRoles\": $roles }"
fi

# Assignment required: only people assigned a role may sign in at all.
sp_id="$(az ad sp show --id "$AUTH_CLIENT_ID" --query id -o tsv 2>/dev/null || az ad sp create --id "$AUTH_CLIENT_ID" --query id -o tsv)"
az ad sp update --id "$sp_id" --set appRoleAssignmentRequired=true
echo "Staff sign-in: app registration $AUTH_CLIENT_ID is set up for $SERVICE_API_URI."
