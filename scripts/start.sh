#!/usr/bin/env bash
# Sets up and runs MbcIntake on this machine: Azurite (in memory), maildev (the alerts' SMTP
# server, with a web inbox on http://localhost:1080) and the local Functions host on
# http://localhost:7071. No cloud account, nothing to do by hand. One Ctrl-C stops all of it
# within a few seconds and gives the prompt back.
#
# Ports can be moved with AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT (10000-10002),
# MAILDEV_SMTP_PORT, MAILDEV_WEB_PORT (1025, 1080) and urls (http://localhost:7071);
# INTAKE_START_NO_BUILD=1 skips the build (the tests use it on an already built tree).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_npm_tools

blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"
smtp_port="${MAILDEV_SMTP_PORT:-1025}"
web_port="${MAILDEV_WEB_PORT:-1080}"

if [ "${INTAKE_START_NO_BUILD:-}" != 1 ]; then
  echo "==> Building"
  dotnet build src/Intake.LocalHost -c Debug --nologo -v quiet -clp:ErrorsOnly
fi

# Everything started here, the host first so that it lets go of storage before Azurite stops.
# Background processes of a script ignore the terminal's SIGINT, so a Ctrl-C reaches only this
# script: it asks each of them to stop (TERM), gives them 3 s together, then kills what is left.
pids=()
stopping=0
cleanup() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM
  local pid alive
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo; echo "==> Stopping"; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# Azurite holds test patient data: --disableTelemetry keeps it from sending usage telemetry out.
# It keeps every entity in its Node heap: room up to 8 GB (Node's default here is about 4.3 GB; a store of
# 100,000 submissions peaked at 3.4 GB, so one a third larger would end Azurite; docs/performance.md).
if (exec 3<>/dev/tcp/127.0.0.1/$table_port) 2>/dev/null; then
  echo "==> Something already listens on 127.0.0.1:$table_port: using that Azurite"
else
  echo "==> Starting Azurite in memory (blob $blob_port, queue $queue_port, table $table_port)"
  NODE_OPTIONS="--max-old-space-size=8192" node_modules/.bin/azurite --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" &
  pids=("$!" "${pids[@]}")
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$table_port) 2>/dev/null && break
    sleep 0.2
  done
fi

# The alerts' SMTP server: maildev keeps every e-mail in memory and shows it in a web inbox.
if (exec 3<>/dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null; then
  echo "==> Something already listens on 127.0.0.1:$smtp_port: sending the alerts there (maildev's inbox is usually http://localhost:$web_port)"
else
  echo "==> Starting maildev (SMTP 127.0.0.1:$smtp_port, inbox http://localhost:$web_port)"
  node_modules/.bin/maildev --silent --ip 127.0.0.1 --smtp "$smtp_port" --web-ip 127.0.0.1 --web "$web_port" &
  pids=("$!" "${pids[@]}")
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/$smtp_port) 2>/dev/null && break
    sleep 0.2
  done
fi
echo "    Alert e-mails (urgent items, referrer updates) arrive in the inbox: http://localhost:$web_port"

echo "==> Starting the local Functions host"
devkey="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export AzureWebJobsStorage="${AzureWebJobsStorage:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$devkey;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;}"
export Intake__Alerts__SmtpPort="${Intake__Alerts__SmtpPort:-$smtp_port}"
# Scripts (the README's examples) post to the public routes as a partner system, with this key in
# x-partner-key; the pages solve the proof-of-work challenge themselves. Set INTAKE_PARTNER_KEY
# (at least 32 characters) to choose it.
export INTAKE_PARTNER_KEY="${INTAKE_PARTNER_KEY:-local-partner-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
export Intake__Partners__Keys__0="$INTAKE_PARTNER_KEY"
# The people index's person key: made on the first start in the repository's .local/ (git-ignored, mode 600).
export Intake__PersonKey__File="${Intake__PersonKey__File:-$ROOT/.local/person-key}"
export urls="${urls:-http://localhost:7071}"
(cd src/Intake.LocalHost/bin/Debug/net10.0 && exec dotnet Intake.LocalHost.dll) &
host_pid=$!
pids=("$host_pid" "${pids[@]}")

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
  echo "    Alert inbox (maildev):     http://localhost:$web_port"
  echo "    Partner key for scripts posting to the public routes (x-partner-key): $INTAKE_PARTNER_KEY"
  echo "    Ctrl-C stops everything."
fi
wait "$host_pid"
