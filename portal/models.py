"""Every model of every domain, for the tools that need the whole schema
(migrations, ``create_all``, the benchmark)."""

from __future__ import annotations


def import_all() -> None:
    """Import every models module so the metadata is complete."""
    from portal import mail as _mail  # noqa: F401
    from portal import pagecache as _pagecache  # noqa: F401
    from portal import settings as _settings  # noqa: F401
    from portal import suppression as _suppression  # noqa: F401
    from portal.accounts import models as _accounts  # noqa: F401
    from portal.areas import models as _areas  # noqa: F401
    from portal.challenges import models as _challenges  # noqa: F401
    from portal.comments import models as _comments  # noqa: F401
    from portal.ideas import models as _ideas  # noqa: F401
    from portal.ideas import search as _search  # noqa: F401
    from portal.moderation import models as _moderation  # noqa: F401
    from portal.municipality import models as _municipality  # noqa: F401
    from portal.nominations import models as _nominations  # noqa: F401
    from portal.notifications import models as _notifications  # noqa: F401
    from portal.photos import models as _photos  # noqa: F401
    from portal.reports import models as _reports  # noqa: F401
    from portal.supports import models as _supports  # noqa: F401
    from portal.versions import models as _versions  # noqa: F401


def include_object(obj: object, name: str | None, type_: str, *_args: object) -> bool:
    """Alembic autogenerate: the search index is made by ``ideas.search``, not by models."""
    from portal.ideas.search import is_search_object

    return not is_search_object(name or "", type_)
