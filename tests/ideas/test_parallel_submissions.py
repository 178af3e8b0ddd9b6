"""The same idea sent several times at the same moment (a double click on a
slow line, a resent request) is stored once."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.ideas.models import Idea
from tests.factories import make_category, make_user
from tests.parallel import parallel_posts


def test_parallel_identical_ideas_are_stored_once(app):
    author, category = make_user(), make_category()
    data = {
        "title": "A safe crossing at Engholm School",
        "body": "We need a safe crossing by the school, before winter comes.",
        "category": str(category.id),
        "publish": "1",
    }
    results = parallel_posts(app, author, "/ideas/new", data)
    assert results == [302] * len(results)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 1
