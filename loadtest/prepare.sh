#!/usr/bin/env bash
# Prepare the load-test database: PostgreSQL at $DATABASE_URL, migrated, with the demo
# data of a large authority (children: $1, seed: $2): a cohort of at most $3 children made
# through the services, copied inside the database up to $1 (demo.tiling). Re-running keeps
# existing data.
set -euo pipefail
cd "$(dirname "$0")/.."
children="${1:-20000}"
seed="${2:-2026}"
cohort="${3:-5000}"
name="${DATABASE_URL##*/}"
psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $name"
export DJANGO_SETTINGS_MODULE=config.settings.local HARBOUR_DEBUG=0
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py generate_demo_data --children "$children" --seed "$seed" --cohort "$cohort" --if-empty
