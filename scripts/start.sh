#!/usr/bin/env bash
# Sets up and runs MbcIntake on this machine: Azurite (in memory), maildev (the alerts' SMTP
# server, with a web inbox on http://localhost:1080) and the local Functions host on
# http://localhost:7071. No cloud account, nothing to do by hand. Ctrl-C stops all of it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_npm_tools

echo "==> Building"
dotnet build src/Intake.LocalHost -c Debug --nologo -v quiet -clp:ErrorsOnly

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "==> Something already listens on 127.0.0.1:10002: using that Azurite"
else
  echo "==> Starting Azurite in memory (blob 10000, queue 10001, table 10002)"
  node_modules/.bin/azurite --inMemoryPersistence --silent --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.2
  done
fi

# The alerts' SMTP server: maildev keeps every e-mail in memory and shows it in a web inbox.
if (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  echo "==> Something already listens on 127.0.0.1:1025: sending the alerts there (maildev's inbox is usually http://localhost:1080)"
else
  echo "==> Starting maildev (SMTP 127.0.0.1:1025, inbox http://localhost:1080)"
  node_modules/.bin/maildev --silent --ip 127.0.0.1 --smtp 1025 --web-ip 127.0.0.1 --web 1080 &
  pids+=($!)
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null && break
    sleep 0.2
  done
fi
echo "    Alert e-mails (urgent items, referrer updates) arrive in the inbox: http://localhost:1080"

echo "==> Starting the local Functions host"
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# Scripts (the README's examples) post to the public routes as a partner system, with this key in
# x-partner-key; the pages solve the proof-of-work challenge themselves. Set INTAKE_PARTNER_KEY
# (at least 32 characters) to choose it.
export INTAKE_PARTNER_KEY="${INTAKE_PARTNER_KEY:-local-partner-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
export Intake__Partners__Keys__0="$INTAKE_PARTNER_KEY"
export urls="${urls:-http://localhost:7071}"
(cd src/Intake.LocalHost/bin/Debug/net10.0 && exec dotnet Intake.LocalHost.dll) &
pids+=($!)
host_pid=${pids[-1]}

# Once it answers, say where the pages are.
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "$urls/" 2>/dev/null && break
  kill -0 "$host_pid" 2>/dev/null || break
  sleep 0.2
done
if curl -sf -o /dev/null "$urls/" 2>/dev/null; then
  echo
  echo "==> Ready. The pages:"
  echo "    Patient's interest form:   $urls/"
  echo "    Oncologist's referral:     $urls/refer"
  echo "    Study team's page:         $urls/team   (it asks for the staff key printed above)"
  echo "    Alert inbox (maildev):     http://localhost:1080"
  echo "    Partner key for scripts posting to the public routes (x-partner-key): $INTAKE_PARTNER_KEY"
fi
wait "$host_pid"
