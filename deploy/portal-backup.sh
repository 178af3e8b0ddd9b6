#!/bin/sh
# The nightly backup of the portal's database (deploy/systemd/portal-backup.*):
# pg_dump in PostgreSQL's custom format into BACKUP_DIR (default
# /var/backups/portal), one file per day, kept BACKUP_KEEP_DAYS (default 14).
# DATABASE_URL is the portal's own (SQLAlchemy's "postgresql+psycopg://…");
# pg_dump is given the same address without the driver's name.
set -eu
dir=${BACKUP_DIR:-/var/backups/portal}
keep=${BACKUP_KEEP_DAYS:-14}
url=$(printf '%s' "$DATABASE_URL" | sed 's/^postgresql+[a-z0-9]*:/postgresql:/')
file="$dir/portal-$(date +%F).dump"
# Written under another name first: a dump cut short is never taken for a backup.
pg_dump --format=custom --dbname="$url" --file="$file.part"
mv "$file.part" "$file"
find "$dir" -name 'portal-*.dump' -mtime +"$keep" -delete
echo "backup written: $file"
