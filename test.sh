#!/usr/bin/env bash
# Runs every check of KIP: build (warnings are errors), code format, all tests (domain, components,
# API, browser; storage and voting on PostgreSQL too), and ends with one line "N passed, N failed"
# summed over all of them.
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
check() { # check NAME COMMAND...: one counted check
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# Browser tests drive Debian's Chromium; install it when missing (never a browser download of a test tool).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's Chromium for the browser tests..."
  (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }) \
    || { echo "Could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

# The PostgreSQL tests start a scratch server of their own (KIP.Tests/Infrastructure/PostgresServer.cs) from Debian's
# PostgreSQL 15, and the scale-out test (ops/scale-out.sh) PostgreSQL, Redis and nginx; install them when missing, as
# Chromium above (RUNLEVEL=1: the packages do not start their own system services; the tests start their own).
missing=""
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || missing="$missing postgresql"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -n "$missing" ]; then
  echo "Installing Debian's$missing for the PostgreSQL and scale-out tests..."
  # shellcheck disable=SC2086
  (RUNLEVEL=1 apt-get install -y $missing >/dev/null 2>&1 || { apt-get update >/dev/null && RUNLEVEL=1 apt-get install -y $missing >/dev/null; }) \
    || { echo "Could not install$missing"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
if ! dotnet build KIP.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

# Formatting and code style as dotnet format checks them. Its third part, the analyzers, is left out: the build above
# already runs the same analyzers with warnings as errors, and checking them again cost about 70 s of every run.
# Naming rules and the order of usings are caught only here, not by the build.
check "dotnet format whitespace" dotnet format whitespace KIP.sln --verify-no-changes
check "dotnet format style" dotnet format style KIP.sln --verify-no-changes --no-restore

results=artifacts/test
rm -rf "$results"
dotnet test KIP.Tests/KIP.Tests.csproj -c Release --no-build --nologo \
  --logger "trx;LogFileName=kip.trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_exit=$?
trx="$results/kip.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$test_exit" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "FAILED: test host exited $test_exit"; fi
else
  failed=$((failed + 1)); echo "FAILED: no test results"
fi

if [ -x tools/lint-api.sh ]; then
  check "API Design Rules lint" tools/lint-api.sh
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
