"""Configuration classes, read from environment variables.

`create_app()` picks the class named by ``PORTAL_CONFIG`` (development,
production or testing); every setting below can be overridden by the
environment variable of the same name.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("PORTAL_INSTANCE_DIR", BASE_DIR / "instance"))


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret() -> str:
    """A secret generated once into instance/ so sessions survive restarts."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    SITE_NAME = os.environ.get("SITE_NAME", "Solbjerg Kommune")
    # The currency of amounts challenges offer (ISO 4217: DKK, NOK, EUR).
    CURRENCY = os.environ.get("CURRENCY", "DKK")
    # Days before a challenge's results are due that its jury is reminded.
    JURY_REMINDER_DAYS = _env_int("JURY_REMINDER_DAYS", 3)
    # Days a nominee has to answer the invitation before their address is erased.
    NOMINATION_EXPIRY_DAYS = _env_int("NOMINATION_EXPIRY_DAYS", 30)
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")

    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'portal.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # PostgreSQL: seconds to wait for a connection, and for one statement,
    # before the request fails with "temporarily unavailable" (503).
    DATABASE_CONNECT_TIMEOUT = _env_int("DATABASE_CONNECT_TIMEOUT", 3)
    DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", 5))

    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "da")
    BABEL_DEFAULT_TIMEZONE = os.environ.get("DEFAULT_TIMEZONE", "Europe/Copenhagen")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    # scrypt with N = 2**17, r = 8, p = 1 (about 128 MiB and 0.3 s per hash).
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt:131072:8:1")
    PASSWORD_MIN_LENGTH = _env_int("PASSWORD_MIN_LENGTH", 10)

    IDEA_EDIT_MINUTES = _env_int("IDEA_EDIT_MINUTES", 60)
    COMMENT_EDIT_MINUTES = _env_int("COMMENT_EDIT_MINUTES", 15)
    IDEAS_PER_PAGE = _env_int("IDEAS_PER_PAGE", 20)
    VERIFY_TOKEN_HOURS = _env_int("VERIFY_TOKEN_HOURS", 72)
    RESET_TOKEN_MINUTES = _env_int("RESET_TOKEN_MINUTES", 60)
    # The logo on printed reports: a file below static/.
    REPORT_LOGO = os.environ.get("REPORT_LOGO", "img/logo.svg")
    # The picture a shared link shows when the page has no photo: a PNG or
    # JPEG below static/ (link previews do not show SVG), 1200 × 630 pixels.
    SHARE_IMAGE = os.environ.get("SHARE_IMAGE", "img/share.png")
    # Finished report PDFs are kept in the database under the hash of their
    # content, shared by every node, and forgotten after REPORT_CACHE_DAYS.
    REPORT_CACHE = _env_bool("REPORT_CACHE", True)
    REPORT_CACHE_DAYS = _env_int("REPORT_CACHE_DAYS", 7)
    # Defaults of the settings an admin can change on /admin/settings.
    PRE_MODERATION = os.environ.get("PRE_MODERATION", "off")  # off | new_accounts | all
    IDEA_AREA = os.environ.get("IDEA_AREA", "optional")  # optional | required
    # The licence of the open data until an admin chooses one on /admin/settings:
    # cc-by-4.0 | cc0-1.0 | cc-by-sa-4.0 | nlod-2.0
    OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "cc-by-4.0")
    ANSWER_DAYS = _env_int("ANSWER_DAYS", 30)  # the municipality answers a hand-over within

    MAIL_FROM = os.environ.get("MAIL_FROM", "Solbjerg Kommune <noreply@example.org>")
    # The SMTP relay `flask outbox send` delivers through; none in development.
    SMTP_HOST = os.environ.get("SMTP_HOST", "")
    SMTP_PORT = _env_int("SMTP_PORT", 587)
    SMTP_SECURITY = os.environ.get("SMTP_SECURITY", "starttls")  # starttls | tls | none
    SMTP_USER = os.environ.get("SMTP_USER", "")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
    SMTP_TIMEOUT = _env_int("SMTP_TIMEOUT", 30)
    OUTBOX_MAX_ATTEMPTS = _env_int("OUTBOX_MAX_ATTEMPTS", 12)
    OUTBOX_STALE_MINUTES = _env_int("OUTBOX_STALE_MINUTES", 15)
    # An instant notification waits this long, so that news on the same idea
    # in the meantime (a comment and its reply) goes out as one mail.
    NOTIFY_COALESCE_MINUTES = _env_int("NOTIFY_COALESCE_MINUTES", 5)
    MAIL_LOG = _env_bool("MAIL_LOG", False)

    # "json": one JSON object per log line (with the request id); "text":
    # Python's logging untouched. ACCESS_LOG: one line per request.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    ACCESS_LOG = _env_bool("ACCESS_LOG", False)

    # Visitors' pages kept finished (see portal/pagecache.py): SimpleCache in
    # each process, or RedisCache with CACHE_REDIS_URL shared by every node.
    PAGE_CACHE = _env_bool("PAGE_CACHE", True)
    PAGE_CACHE_SECONDS = _env_int("PAGE_CACHE_SECONDS", 600)
    CACHE_TYPE = os.environ.get("CACHE_TYPE", "SimpleCache")
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "")
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal:")
    CACHE_THRESHOLD = _env_int("CACHE_THRESHOLD", 2000)  # pages SimpleCache keeps

    # /metrics answers these addresses (comma-separated networks), or a
    # request carrying "Authorization: Bearer <METRICS_TOKEN>"; 404 otherwise.
    METRICS_ALLOW = os.environ.get("METRICS_ALLOW", "127.0.0.1/32,::1/128")
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

    MAX_CONTENT_LENGTH = _env_int("MAX_CONTENT_LENGTH", 256 * 1024)
    # Photos on ideas: their files (a path every node shares when several
    # run), and the largest request that carries them (4 photos of 10 MB).
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    UPLOAD_MAX_CONTENT_LENGTH = _env_int("UPLOAD_MAX_CONTENT_LENGTH", 42 * 1024 * 1024)
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Redis down: count in this node's memory rather than refuse (logged).
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # A Redis that hangs must not hold a request: seconds to connect / answer
    # (the rate limits' store and the page cache's).
    REDIS_TIMEOUT = _env_int("REDIS_TIMEOUT", 1)
    RATELIMIT_STORAGE_OPTIONS = {
        "socket_connect_timeout": REDIS_TIMEOUT,
        "socket_timeout": REDIS_TIMEOUT,
    }
    RATELIMIT_HEADERS_ENABLED = True
    # A sliding window: no burst of twice the limit around a window's edge.
    RATELIMIT_STRATEGY = os.environ.get("RATELIMIT_STRATEGY", "moving-window")
    PROXY_COUNT = _env_int("PROXY_COUNT", 0)  # reverse proxies in front that set X-Forwarded-For
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 8 * 60)
    SESSION_ABSOLUTE_HOURS = _env_int("SESSION_ABSOLUTE_HOURS", 14 * 24)
    REMEMBER_COOKIE_DURATION = SESSION_ABSOLUTE_HOURS * 3600
    PERMANENT_SESSION_LIFETIME = SESSION_ABSOLUTE_HOURS * 3600

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask reads it by this name
        return os.environ.get("SECRET_KEY") or _development_secret()


class DevelopmentConfig(Config):
    DEBUG = False
    MAIL_LOG = _env_bool("MAIL_LOG", True)


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret"  # noqa: S105 - only ever used by the test suite
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # noqa: S105 - fast hashes keep the suite quick
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    BABEL_DEFAULT_LOCALE = "en"
    PUBLIC_BASE_URL = "http://portal.test"
    REPORT_CACHE = False  # the tests of the cache switch it on
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(Path(tempfile.gettempdir()) / "portal-tests"))
    NOTIFY_COALESCE_MINUTES = 0  # mails go out at once; the tests of coalescing set it


class ProductionConfig(Config):
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    ACCESS_LOG = _env_bool("ACCESS_LOG", True)
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # No fallback: production runs on the database it is told to use.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")

    @property
    def SECRET_KEY(self) -> str | None:  # noqa: N802
        return os.environ.get("SECRET_KEY")

    @staticmethod
    def refusal(config: dict) -> str | None:
        """Why production must not start with this configuration, in one line."""
        key = config.get("SECRET_KEY")
        if not key or len(key) < 32:
            return "SECRET_KEY must be set (at least 32 characters) in production"
        if "change-me" in key:  # deploy/portal.env's placeholder, known to everyone
            return (
                "SECRET_KEY is still the placeholder of deploy/portal.env: set your own "
                "(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if not config.get("SQLALCHEMY_DATABASE_URI"):
            return (
                "DATABASE_URL must be set in production "
                "(e.g. postgresql+psycopg://portal:…@localhost/portal)"
            )
        return None


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}
