#!/usr/bin/env bash
# Run the load test: gunicorn on 127.0.0.1:8765 (production-like: DEBUG off, $LOADTEST_WORKERS
# (2 x nproc + 1) workers x $LOADTEST_THREADS (1) threads), sessions made for the demo staff, then
# locust headless with $LOADTEST_USERS users for $LOADTEST_TIME. Prints p50/p95/p99 per page;
# exits non-zero on any failed request.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=config.settings.local HARBOUR_DEBUG=0 HARBOUR_LOG_LEVEL=WARNING
users="${LOADTEST_USERS:-50}"
run_time="${LOADTEST_TIME:-5m}"
out="var/loadtest"
mkdir -p "$out"
.venv/bin/python manage.py collectstatic --noinput -v0 || true
.venv/bin/python loadtest/make_sessions.py "$out/sessions.json"
workers="${LOADTEST_WORKERS:-$(( 2 * $(nproc) + 1 ))}"
threads="${LOADTEST_THREADS:-1}"
.venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8765 --workers "$workers" --threads "$threads" \
  --timeout 120 --keep-alive 10 --backlog 2048 --log-level warning --pid "$out/gunicorn.pid" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8765/health/ >/dev/null && break; sleep 0.2; done
LOADTEST_SESSIONS="$out/sessions.json" .venv/bin/python loadtest/cpu.py run -- .venv/bin/locust -f loadtest/locustfile.py --headless \
  -u "$users" -r 10 -t "$run_time" --host http://127.0.0.1:8765 --csv "$out/result" \
  --only-summary --exit-code-on-error 1
.venv/bin/python loadtest/report.py "$out/result_stats.csv"
