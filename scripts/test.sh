#!/usr/bin/env bash
# Runs every test: builds the solution warning-free, installs Azurite from the lock file (each
# test fixture starts its own in-memory Azurite on free ports), runs all test projects, and
# prints one closing line "Tests: N passed, N failed, N skipped".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_npm_tools

# The browser tests (tests/Intake.Browser.Tests) drive Debian's Chromium with Playwright; Playwright's
# own browser download cannot work here.
chromium="${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-${CHROMIUM_PATH:-/usr/bin/chromium}}"
if [ ! -x "$chromium" ]; then
  echo "error: Chromium is not installed at $chromium; the browser tests need it. Install Debian's: apt-get update && apt-get install -y chromium (as root)." >&2
  exit 1
fi

echo "==> Checking infra/main.bicep (bicep build and lint; warnings fail)"
./scripts/bicep.sh check

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
echo "Browser tests' screenshots: $(realpath -m "${TEST_ARTIFACTS:-tests/Intake.Browser.Tests/bin/Debug/net10.0/TestResults}")/screenshots"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
