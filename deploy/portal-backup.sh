#!/bin/sh
# The nightly backup of the portal's database (deploy/systemd/portal-backup.*):
# pg_dump in PostgreSQL's custom format into BACKUP_DIR (default
# /var/backups/portal), one file per day, the last BACKUP_KEEP_DAYS (default
# 14) kept. DATABASE_URL is the portal's own (SQLAlchemy's
# "postgresql+psycopg://…"); it is handed to pg_dump as PG* variables, so the
# password never shows on a command line (ps, /proc).
set -eu
here=$(dirname "$0")
dir=${BACKUP_DIR:-/var/backups/portal}
keep=${BACKUP_KEEP_DAYS:-14}
eval "$("$here/../.venv/bin/python" - <<'PYTHON'
import os
import shlex

from sqlalchemy.engine import make_url

url = make_url(os.environ["DATABASE_URL"])
parts = {"PGHOST": url.host, "PGPORT": url.port, "PGUSER": url.username,
         "PGPASSWORD": url.password, "PGDATABASE": url.database}
for name, value in parts.items():
    if value is not None:
        print(f"export {name}={shlex.quote(str(value))}")
PYTHON
)"
file="$dir/portal-$(date +%F).dump"
# Written under another name first: a dump cut short is never taken for a backup.
pg_dump --format=custom --file="$file.part"
mv "$file.part" "$file"
# -mtime +N matches files older than N+1 whole days: today's and N-1 before stay.
find "$dir" -name 'portal-*.dump' -mtime +"$((keep - 1))" -delete
echo "backup written: $file"
