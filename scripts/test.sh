#!/usr/bin/env bash
# Runs every test: builds the solution warning-free, installs Azurite from the lock file (each
# test fixture starts its own in-memory Azurite on free ports), runs all test projects, and
# prints one closing line "Tests: N passed, N failed, N skipped".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_npm_tools

echo "==> Building (warnings are errors)"
dotnet build MbcIntake.sln -c Debug --nologo -clp:"Summary;ErrorsOnly"

echo "==> Testing"
log="$(mktemp)"
set +e
dotnet test MbcIntake.sln -c Debug --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line summed over the test projects' "Passed!/Failed! - Failed: N, Passed: N, Skipped: N" lines.
read -r failed passed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {print f+0, p+0, s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
