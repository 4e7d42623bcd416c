#!/usr/bin/env bash
# Lints KIP's OpenAPI document against the Dutch API Design Rules (../shared/lint/nlgov-adr-ruleset.yaml)
# with Spectral, pinned in tools/lint/package.json. Runs the built KIP.Web (Release) briefly on a free
# loopback port, fetches /api/v1/openapi.json, and fails on any lint error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ruleset="$root/../shared/lint/nlgov-adr-ruleset.yaml"
dll="$root/KIP.Web/bin/Release/net10.0/KIP.Web.dll"
[ -f "$ruleset" ] || { echo "lint-api: ruleset not found at $ruleset"; exit 1; }
[ -f "$dll" ] || { echo "lint-api: build KIP.Web in Release first ($dll)"; exit 1; }

if [ ! -x "$root/tools/lint/node_modules/.bin/spectral" ]; then
  (cd "$root/tools/lint" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
Kip__DataFolder="$work/data" Kip__PublicUrl="http://127.0.0.1:$port" Kip__Auth__AllowDemoAccounts=true ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
  dotnet exec "$dll" --contentRoot "$root/KIP.Web" >"$work/app.log" 2>&1 &
app=$!
cleanup() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/openapi.json" -o "$work/openapi.json" 2>/dev/null; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "lint-api: KIP.Web exited"; cat "$work/app.log"; exit 1; fi
  sleep 0.2
done
[ -s "$work/openapi.json" ] || { echo "lint-api: no OpenAPI document"; cat "$work/app.log"; exit 1; }

"$root/tools/lint/node_modules/.bin/spectral" lint --fail-severity=error -r "$ruleset" "$work/openapi.json"
