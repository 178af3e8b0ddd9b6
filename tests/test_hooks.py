"""Work that waits for the commit (``hooks.after_commit``)."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import hooks
from portal.extensions import db
from portal.ideas.models import Idea
from portal.supports import services as supports
from portal.supports.models import Support
from tests.factories import make_idea, make_user


def test_work_runs_after_the_commit_and_not_after_a_rollback(app):
    done = []
    db.session.scalar(select(Idea.id))  # a transaction, which is then rolled back
    hooks.after_commit(lambda: done.append("rolled back"))
    db.session.rollback()
    work = lambda: done.append("committed")  # noqa: E731
    hooks.after_commit(work)
    hooks.after_commit(work)  # asked twice in one transaction: runs once
    assert done == []
    db.session.commit()
    assert done == ["committed"]


def test_a_failed_savepoint_keeps_the_work_asked_for_before_it(app):
    """The usual recovery from a duplicate insert rolls a savepoint back (a
    failed flush inside it): the outer transaction's work still runs."""
    idea = make_idea()
    supporter = make_user()
    supports.support(supporter, db.session.get(Idea, idea.id))
    db.session.commit()
    done = []
    hooks.after_commit(lambda: done.append("outer"))
    try:
        with db.session.begin_nested():
            db.session.add(Support(user_id=supporter.id, idea_id=idea.id))
            db.session.flush()
    except IntegrityError:
        pass
    db.session.commit()
    assert done == ["outer"]
