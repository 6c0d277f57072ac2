#!/usr/bin/env bash
# Serve Navigator the production way on this machine: gunicorn (threaded workers) on a local
# port behind a buffering nginx. Runs in the foreground; Ctrl-C (or SIGTERM) stops both.
#
#   LISTEN=127.0.0.1:8080 UPSTREAM_PORT=8001 WORKERS=2 THREADS=4 deploy/serve.sh
#
# Configuration comes from the environment as for `navigator serve` (NAVIGATOR_ENV,
# NAVIGATOR_SECRET_KEY, DATABASE_URL, NAVIGATOR_TRUSTED_HOSTS, NAVIGATOR_PROXIES=1 ...).
set -euo pipefail
cd "$(dirname "$0")/.."
LISTEN=${LISTEN:-127.0.0.1:8080}
UPSTREAM_PORT=${UPSTREAM_PORT:-8001}
WORKERS=${WORKERS:-2}
THREADS=${THREADS:-4}
PREFIX=${NGINX_PREFIX:-$(mktemp -d)}
NGINX=${NGINX:-/usr/sbin/nginx}
export NAVIGATOR_PROXIES=${NAVIGATOR_PROXIES:-1}

mkdir -p "$PREFIX"/{client_body,proxy,fastcgi,uwsgi,scgi}
USER_LINE=""
if [ "$(id -u)" -eq 0 ]; then  # nginx's workers drop root: give them the temp folders
  NGINX_USER=${NGINX_USER:-www-data}
  USER_LINE="user $NGINX_USER;"
  chmod 0755 "$PREFIX"
  chown -R "$NGINX_USER" "$PREFIX"/{client_body,proxy,fastcgi,uwsgi,scgi}
fi
sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@LISTEN@|$LISTEN|g" -e "s|@USER@|$USER_LINE|g" \
    -e "s|@UPSTREAM@|127.0.0.1:$UPSTREAM_PORT|g" deploy/nginx.conf.template > "$PREFIX/nginx.conf"

.venv/bin/navigator db upgrade
.venv/bin/navigator serve --host 127.0.0.1 --port "$UPSTREAM_PORT" \
    --workers "$WORKERS" --threads "$THREADS" &
APP=$!
"$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" -e "$PREFIX/error.log" &
PROXY=$!
stop() { kill "$PROXY" "$APP" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
echo "Navigator on http://$LISTEN (nginx, logs in $PREFIX) -> gunicorn on 127.0.0.1:$UPSTREAM_PORT"
wait -n "$APP" "$PROXY"
