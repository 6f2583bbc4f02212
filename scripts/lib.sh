# Shared by start.sh and test.sh: checks the tools and installs the npm tools from the lock file.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is not installed. $2" >&2; exit 1; }
}

need dotnet "Install the .NET 10 SDK (https://dot.net)."
need node "Install Node.js 20 or later (Debian: apt-get install nodejs npm)."
need npm "Install npm (Debian: apt-get install npm)."

# Azurite and maildev, and the pages' altcha widget (embedded into the app at build), come from
# package-lock.json, so every machine runs the same versions.
install_npm_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ] || [ ! -f node_modules/altcha/package.json ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> Installing Azurite, maildev and the altcha widget from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
