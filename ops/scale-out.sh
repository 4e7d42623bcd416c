#!/usr/bin/env bash
# KIP on several servers, on this one machine: PostgreSQL (the truth), Redis (live updates and presence between the
# instances), two KIP instances and nginx in front (one address, circuit affinity). No Docker: Debian's packages.
#
#   ops/scale-out.sh up       install what is missing, start everything, print the address and the demo sign-in
#   ops/scale-out.sh status   what runs, and which instance answers through nginx
#   ops/scale-out.sh down     stop everything `up` started and remove its scratch folder
#
# Ports and folder (environment variables, defaults in KIP's own ranges):
#   KIP_NGINX_PORT (58000)  KIP_APP_A_PORT (5600)  KIP_APP_B_PORT (5601)  KIP_PG_PORT (55500)  KIP_REDIS_PORT (56400)
#   KIP_SCALE_DIR (/tmp/kip-scale-out)  KIP_DLL (KIP.Web/bin/Release/net10.0/KIP.Web.dll; build it first with
#   `dotnet build -c Release KIP.Web`)
# Any other Kip__* variable in the environment reaches both instances (e.g. Kip__Limits__SignIn__PermitLimit).
# README.md, "Op meerdere servers"; docs/decisions/016-several-servers.md.
set -Eeuo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${KIP_SCALE_DIR:-/tmp/kip-scale-out}"
nginx_port="${KIP_NGINX_PORT:-58000}"
app_a_port="${KIP_APP_A_PORT:-5600}"
app_b_port="${KIP_APP_B_PORT:-5601}"
pg_port="${KIP_PG_PORT:-55500}"
redis_port="${KIP_REDIS_PORT:-56400}"
dll="${KIP_DLL:-$root/KIP.Web/bin/Release/net10.0/KIP.Web.dll}"
pg_bin=/usr/lib/postgresql/15/bin
address="http://127.0.0.1:$nginx_port"
connection="Host=127.0.0.1;Port=$pg_port;Database=kip;Username=kip"
is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

say() { echo "scale-out: $*"; }
fail() { echo "scale-out: $*" >&2; exit 1; }

# A command as PostgreSQL's owner: Debian's postgres user when we are root (initdb and postgres refuse root).
as_postgres() { if $is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Is something listening on 127.0.0.1:$1?
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The pid in file $1 when that process is still alive, else nothing.
alive_pid() {
  local pid
  [ -f "$1" ] || return 1
  pid="$(head -n1 "$1" 2>/dev/null | tr -dc '0-9')"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

pid_files() { echo "$state/kip-a.pid $state/kip-b.pid $state/redis.pid $state/nginx/nginx.pid $state/pg/data/postmaster.pid"; }

install_missing() {
  local missing=""
  [ -x "$pg_bin/pg_ctl" ] || missing="$missing postgresql"
  command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
  [ -z "$missing" ] && return 0
  $is_root || fail "missing:$missing — install with: sudo apt-get install$missing"
  say "installing Debian's$missing ..."
  # RUNLEVEL=1: the packages do not start their own system services; this script starts its own.
  # shellcheck disable=SC2086
  (RUNLEVEL=1 apt-get install -y $missing >/dev/null 2>&1 || { apt-get update >/dev/null && RUNLEVEL=1 apt-get install -y $missing >/dev/null; }) \
    || fail "could not install$missing"
}

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

# Waits until $1 answers 200 on /health (at most $2 seconds); $3 names it in the message.
wait_healthy() {
  local url=$1 seconds=$2 name=$3 i
  for ((i = 0; i < seconds * 5; i++)); do
    if curl -fsS -o /dev/null "$url/health" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  say "$name did not answer on $url/health within $seconds s"
  return 1
}

instance_env() { # the settings both instances and the migrate step share
  local env=(
    "ASPNETCORE_ENVIRONMENT=Production"
    "Kip__Auth__AllowDemoAccounts=true"
    "Kip__DemoData=true"
    "Kip__Database__Provider=Postgres"
    "Kip__Database__ConnectionString=$connection"
    "Kip__Database__MigrateAtStart=false"
    "Kip__PublicUrl=$address"
    "Kip__ForwardedHeaders__Enabled=true"
    "Kip__ForwardedHeaders__KnownProxies__0=127.0.0.1"
    "Kip__DataFolder=$state/data"
  )
  # Live updates between the instances go through Redis once the build has its client (the Redis notifier).
  if [ -f "$(dirname "$dll")/StackExchange.Redis.dll" ]; then
    env+=("Kip__Redis__Configuration=127.0.0.1:$redis_port")
  fi
  printf '%s\n' "${env[@]}"
}

write_nginx_conf() {
  local user_line=""
  $is_root && user_line="user nobody nogroup;"
  mkdir -p "$state/nginx/logs" "$state/nginx/temp"
  $is_root && chown nobody:nogroup "$state/nginx/temp"
  cat >"$state/nginx/nginx.conf" <<EOF
# Written by ops/scale-out.sh: one address for two KIP instances.
$user_line
worker_processes 1;
worker_shutdown_timeout 5s;
pid $state/nginx/nginx.pid;
error_log $state/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $state/nginx/logs/access.log;
  client_body_temp_path $state/nginx/temp/body;
  proxy_temp_path $state/nginx/temp/proxy;
  fastcgi_temp_path $state/nginx/temp/fastcgi;
  uwsgi_temp_path $state/nginx/temp/uwsgi;
  scgi_temp_path $state/nginx/temp/scgi;
  client_max_body_size 12m;
  server_tokens off;

  # WebSocket: the circuit's /_blazor connection is upgraded; anything else closes normally.
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }

  # Circuit affinity. Open-source nginx has no "sticky": a browser gets a random affinity cookie on its first answer and
  # every later request (the page, the SignalR negotiate, the WebSocket) hashes on it to the same instance. Not ip_hash:
  # every visitor from one address (here all of loopback) would land on one instance; not round-robin: the negotiate and
  # the WebSocket would reach different instances and the circuit breaks.
  map \$cookie_kip_affinity \$kip_affinity { '' \$request_id; default \$cookie_kip_affinity; }
  map \$cookie_kip_affinity \$kip_affinity_cookie { '' "kip_affinity=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ''; }

  upstream kip {
    hash \$kip_affinity consistent;
    server 127.0.0.1:$app_a_port max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$app_b_port max_fails=1 fail_timeout=5s;
  }

  server {
    listen 127.0.0.1:$nginx_port;
    server_name _;
    add_header Set-Cookie \$kip_affinity_cookie always;

    location /_blazor {
      proxy_pass http://kip;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
    }

    location / {
      proxy_pass http://kip;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
EOF
}

start_instance() { # name port
  local name=$1 port=$2 env
  mapfile -t env < <(instance_env)
  # In its own session (not stopped with the caller's terminal); the shell writes its own pid and becomes dotnet (exec),
  # so the pid file names the instance whatever setsid does.
  # No ERR trap in the instance's shell (set -E would pass `up`'s on): an instance that dies later, killed or crashed,
  # must not run `down` and take nginx and the other instance with it.
  (trap - ERR; cd "$root/KIP.Web" && setsid env "${env[@]}" "Kip__InstanceName=$name" bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$state/$name.pid" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/KIP.Web" >"$state/$name.log" 2>&1 </dev/null &)
  for ((i = 0; i < 50; i++)); do [ -s "$state/$name.pid" ] && break; sleep 0.1; done
}

stop_pid() { # pidfile name
  local pid i
  pid="$(alive_pid "$1")" || { rm -f "$1"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
  rm -f "$1"
  say "$2 stopped"
}

down() {
  [ -d "$state" ] || { say "nothing to stop ($state does not exist)"; return 0; }
  # TERM everywhere: nginx's fast shutdown (a graceful one would wait for the open WebSockets), ASP.NET Core's and
  # Redis's orderly stop; whatever still runs after 10 s is killed.
  stop_pid "$state/nginx/nginx.pid" nginx
  stop_pid "$state/kip-a.pid" "KIP instance kip-a"
  stop_pid "$state/kip-b.pid" "KIP instance kip-b"
  if alive_pid "$state/redis.pid" >/dev/null; then stop_pid "$state/redis.pid" Redis; fi
  if alive_pid "$state/pg/data/postmaster.pid" >/dev/null; then
    as_postgres "$pg_bin/pg_ctl" -D "$state/pg/data" -m fast -w -t 60 stop >/dev/null && say "PostgreSQL stopped"
  fi
  rm -rf "$state"
  say "down: everything stopped, $state removed"
}

up() {
  [ -f "$dll" ] || fail "KIP.Web is not built: run 'dotnet build -c Release KIP.Web' first ($dll)"
  # Pid files of an earlier run: still running means already up; a dead process's file is stale and goes.
  if [ -d "$state" ]; then
    for file in $(pid_files); do
      if alive_pid "$file" >/dev/null; then fail "already running ($file); run 'ops/scale-out.sh down' first"; fi
      if [ -f "$file" ]; then rm -f "$file"; say "removed stale pid file $file"; fi
    done
    rm -rf "$state"
  fi

  for entry in "nginx:$nginx_port:KIP_NGINX_PORT" "KIP instance kip-a:$app_a_port:KIP_APP_A_PORT" "KIP instance kip-b:$app_b_port:KIP_APP_B_PORT" \
    "PostgreSQL:$pg_port:KIP_PG_PORT" "Redis:$redis_port:KIP_REDIS_PORT"; do
    IFS=: read -r name port variable <<<"$entry"
    if in_use "$port"; then
      fail "poort $port (voor $name) is al in gebruik; kies een andere met $variable=... / port $port (for $name) is in use; choose another with $variable=..."
    fi
  done

  install_missing
  mkdir -p "$state/data" "$state/redis"
  trap 'say "start failed; logs:"; for f in "$state"/*.log "$state"/pg/server.log "$state"/nginx/logs/error.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }; done; down' ERR

  # PostgreSQL on a scratch directory, as the tests' PostgresServer does.
  mkdir -p "$state/pg"
  $is_root && chown postgres:postgres "$state/pg"
  as_postgres "$pg_bin/initdb" -D "$state/pg/data" -U kip -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null 2>>"$state/pg-start.log"
  as_postgres "$pg_bin/pg_ctl" -D "$state/pg/data" -l "$state/pg/server.log" -w -t 60 \
    -o "-p $pg_port -k $state/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null 2>>"$state/pg-start.log" </dev/null
  say "PostgreSQL on 127.0.0.1:$pg_port"

  redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --pidfile "$state/redis.pid" --dir "$state/redis" \
    --logfile "$state/redis.log" --save "" --appendonly no >/dev/null 2>>"$state/redis.log" </dev/null
  for ((i = 0; i < 50; i++)); do in_use "$redis_port" && break; sleep 0.1; done
  in_use "$redis_port" || { say "Redis did not start"; false; }
  say "Redis on 127.0.0.1:$redis_port"

  # Migrations, demo data and the shared keys: once, before any instance starts.
  local env
  mapfile -t env < <(instance_env)
  (cd "$root/KIP.Web" && env "${env[@]}" dotnet "$dll" migrate --contentRoot "$root/KIP.Web" >"$state/migrate.log" 2>&1) \
    || { say "migrate failed:"; tail -n 20 "$state/migrate.log"; false; }
  say "database migrated and seeded"

  start_instance kip-a "$app_a_port"
  start_instance kip-b "$app_b_port"
  wait_healthy "http://127.0.0.1:$app_a_port" 120 kip-a
  wait_healthy "http://127.0.0.1:$app_b_port" 120 kip-b
  say "KIP instances kip-a on 127.0.0.1:$app_a_port and kip-b on 127.0.0.1:$app_b_port"

  write_nginx_conf
  # Its own prefix and configuration; nothing of it keeps the caller's output open.
  "$(nginx_bin)" -p "$state/nginx" -c nginx.conf -e "$state/nginx/logs/error.log" </dev/null >/dev/null 2>>"$state/nginx/logs/error.log"
  wait_healthy "$address" 30 nginx
  trap - ERR

  cat <<EOF

KIP draait op twee instanties achter nginx / KIP runs on two instances behind nginx:

  Open:     $address
  Inloggen: klik "Inloggen" en kies een demopersoon, bijvoorbeeld Marieke Jansen (commissie, voorzitter);
            geen wachtwoord / click "Inloggen" and pick a demo person; no password.
  Status:   ops/scale-out.sh status
  Stoppen:  ops/scale-out.sh down

EOF
}

status() {
  local any=false
  for entry in "nginx:$state/nginx/nginx.pid" "kip-a:$state/kip-a.pid" "kip-b:$state/kip-b.pid" "Redis:$state/redis.pid" "PostgreSQL:$state/pg/data/postmaster.pid"; do
    IFS=: read -r name file <<<"$entry"
    if pid="$(alive_pid "$file")"; then echo "$name: running (pid $pid)"; any=true; else echo "$name: not running"; fi
  done
  if $any && curl -fsS -o /dev/null "$address/health" 2>/dev/null; then
    echo "through nginx: $(curl -fsS -D - -o /dev/null "$address/health" | tr -d '\r' | sed -n 's/^[Xx]-[Kk]ip-[Ii]nstance: //p') answers on $address"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: ops/scale-out.sh up|status|down" >&2; exit 2 ;;
esac
