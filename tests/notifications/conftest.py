"""Digest tests build several digests and expect them in one period."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from flask_babel import to_user_timezone

from portal.timeutil import utcnow


@pytest.fixture(autouse=True)
def clear_of_midnight(app):  # type: ignore[no-untyped-def]
    """A daily (or weekly) period ends at the municipality's midnight: a test
    begun in its last half minute waits until the new day has started, so
    its digests do not fall into two periods."""
    local = to_user_timezone(utcnow())
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time())
    left = (midnight - local.replace(tzinfo=None)).total_seconds()
    if left < 30:
        time.sleep(left + 0.5)
