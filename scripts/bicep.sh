#!/usr/bin/env bash
# The Bicep CLI for infra/, installed from NuGet (no other download) into .tools/bicep/, pinned.
#
#   ./scripts/bicep.sh                 check: build and lint infra/main.bicep (and its modules);
#   ./scripts/bicep.sh check           any warning or error fails
#   ./scripts/bicep.sh build-to FILE   the compiled ARM template of infra/main.bicep, into FILE
#                                      (the same check: any warning or error fails)
#   ./scripts/bicep.sh path            the path of the installed bicep binary
#
# Bicep exits 0 on warnings and prints them on stderr as "FILE(l,c) : Warning CODE: ...", so this
# script reads that output and fails on a "Warning" or an "Error" line itself. bicepconfig.json
# also raises the linter's rules to errors.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"
BICEP="$ROOT/.tools/bicep/bicep"
TEMPLATE="infra/main.bicep"

install_bicep() {
  if [ -x "$BICEP" ]; then
    local installed
    installed="$("$BICEP" --version 2>/dev/null || true)"
    case "$installed" in
      *"version $BICEP_VERSION "*) return ;;
    esac
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "error: scripts/bicep.sh installs the linux-x64 Bicep CLI; on $(uname -s)-$(uname -m) install Bicep $BICEP_VERSION yourself." >&2; exit 1 ;;
  esac
  echo "==> Installing the Bicep CLI $BICEP_VERSION from NuGet ($BICEP_PACKAGE)" >&2
  # A throwaway project outside the repository (so that none of its Directory.*.props apply)
  # whose restore downloads the package from the configured NuGet source, in a subshell that
  # removes it however it ends.
  (
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    cat >"$work/bicep-download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
EOF
    (cd "$work" && dotnet restore bicep-download.csproj --packages "$work/packages" --nologo -v quiet) >&2
    binary="$work/packages/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION/tools/bicep"
    [ -f "$binary" ] || { echo "error: the package $BICEP_PACKAGE $BICEP_VERSION has no tools/bicep." >&2; exit 1; }
    mkdir -p "$(dirname "$BICEP")"
    # Copied next to its final name and then renamed, so that no run ever sees half a file.
    cp "$binary" "$BICEP.$$"
    chmod +x "$BICEP.$$"
    mv -f "$BICEP.$$" "$BICEP"
  )
  "$BICEP" --version >&2
}

# Runs bicep with its arguments; fails when it fails or prints a warning or an error.
run_bicep() {
  local log status
  log="$(mktemp)"
  set +e
  "$BICEP" "$@" 2>"$log"
  status=$?
  set -e
  if [ -s "$log" ]; then
    cat "$log" >&2
  fi
  if [ "$status" -ne 0 ] || grep -Eq ' : (Warning|Error) ' "$log"; then
    rm -f "$log"
    echo "error: bicep $1 $TEMPLATE reported the warnings or errors above (warnings fail too)." >&2
    exit 1
  fi
  rm -f "$log"
}

check() {
  run_bicep build "$TEMPLATE" --stdout >/dev/null
  run_bicep lint "$TEMPLATE"
  echo "bicep: $TEMPLATE builds and lints with no warning and no error"
}

command="${1:-check}"
case "$command" in
  check)
    install_bicep
    check
    ;;
  build-to)
    [ $# -eq 2 ] || { echo "usage: $0 build-to FILE" >&2; exit 2; }
    install_bicep
    run_bicep build "$TEMPLATE" --outfile "$2"
    ;;
  path)
    install_bicep
    echo "$BICEP"
    ;;
  *)
    echo "usage: $0 [check | build-to FILE | path]" >&2
    exit 2
    ;;
esac
