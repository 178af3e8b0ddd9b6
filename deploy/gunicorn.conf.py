"""gunicorn's settings for the portal (``gunicorn --config deploy/gunicorn.conf.py``).

The portal writes its own log records as JSON lines (``LOG_FORMAT=json``);
this makes gunicorn's own lines (workers booting, a worker killed after a
timeout) JSON too, so that ``journalctl -u portal-web -o cat | jq`` reads
every line. gunicorn's access log stays off: the portal writes one access
line per request itself, with its request id, route, user and duration.
"""

import os

if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.logs.JsonFormatter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            # Off: the portal's own access line has the request id, route and user.
            "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
    }
