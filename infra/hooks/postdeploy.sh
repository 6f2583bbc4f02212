#!/bin/sh
# azd postdeploy hook (azure.yaml): checks the deployed app from outside, as an anonymous caller.
#  - the patient's form (/) and the referral form (/refer) answer 200;
#  - the health route (/api/health) answers 200: the app reaches its storage as its identity;
#  - the team page (/team) and a staff route (/api/worklist) send an anonymous caller to the
#    sign-in (App Service Authentication: a 302 to /.auth/login/aad) and never answer 200.
# It fails the deployment loudly if the staff side is reachable without signing in.
set -eu

fail() {
  echo "error: $*" >&2
  exit 1
}

: "${SERVICE_API_URI:?SERVICE_API_URI is not set (an output of infra/main.bicep)}"
command -v curl >/dev/null 2>&1 || { echo "postdeploy: curl is not installed; skipping the check of $SERVICE_API_URI."; exit 0; }
base="${SERVICE_API_URI%/}"

# Prints "STATUS LOCATION" for an anonymous browser-like GET, without following redirects.
probe() {
  curl -s -o /dev/null --max-time 60 -H 'Accept: text/html' -w '%{http_code} %{redirect_url}' "$base$1" || echo "000 "
}

# A new deployment can take a minute or two to start (a cold start, the package being picked up).
tries=0
while :; do
  result="$(probe /)"
  case "$result" in
    200*) break ;;
  esac
  tries=$((tries + 1))
  [ "$tries" -lt 18 ] || fail "$base/ answers '$result' instead of 200 after 3 minutes; see the app's logs in Application Insights."
  sleep 10
done
echo "postdeploy: $base/ (patient form, public) answers 200"

result="$(probe /refer)"
case "$result" in
  200*) echo "postdeploy: $base/refer (referral form, public) answers 200" ;;
  *) fail "$base/refer answers '$result' instead of 200: the referral form must be public." ;;
esac

# The health route is anonymous and answers 200 only when the app's identity reaches its tables
# and queues: it also proves the role assignments work.
# A new role assignment can take a few minutes to apply, so a 503 is asked again for a while.
tries=0
while :; do
  result="$(probe /api/health)"
  case "$result" in
    200*) break ;;
    503*) ;;
    *) fail "$base/api/health answers '$result' instead of 200: the health route must be public (publicPaths in infra/app.bicep)." ;;
  esac
  tries=$((tries + 1))
  [ "$tries" -lt 30 ] || fail "$base/api/health still answers 503 after 5 minutes: the app cannot reach its tables and queues as its identity; see Application Insights."
  sleep 10
done
echo "postdeploy: $base/api/health (public) answers 200: the app reaches its storage"

for path in /team /api/worklist; do
  result="$(probe "$path")"
  status="${result%% *}"
  location="${result#* }"
  case "$status" in
    302)
      case "$location" in
        */.auth/login/*) echo "postdeploy: $base$path sends an anonymous caller to the staff sign-in" ;;
        *) fail "$base$path redirects an anonymous caller to '$location', not to the sign-in." ;;
      esac
      ;;
    401 | 403) echo "postdeploy: $base$path refuses an anonymous caller ($status)" ;;
    *) fail "$base$path answers $status to an anonymous caller: App Service Authentication is not guarding the staff side." ;;
  esac
done
echo "postdeploy: done. Assign the study team to the sign-in (docs/deploy.md, 'Signing staff in') if not yet done."
