"""The same comment sent several times at the same moment is stored once,
and counted once."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from tests.factories import make_idea, make_user
from tests.parallel import parallel_posts


def test_parallel_identical_comments_are_stored_once(app):
    idea, author = make_idea(), make_user()
    results = parallel_posts(app, author, f"/ideas/{idea.id}/comments", {"body": "Me too!"})
    assert results == [302] * len(results)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 1
    assert db.session.get(Idea, idea.id).comment_count == 1
