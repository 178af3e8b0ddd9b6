from __future__ import annotations

import threading

from sqlalchemy import func, select

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas import services, tally
from portal.ideas.models import Category, Idea, IdeaStatus, IdeaTally
from portal.timeutil import utcnow
from tests.factories import make_category, make_idea, make_user


def _snapshot() -> dict[tuple[int, int, str], int]:
    db.session.expire_all()
    rows = db.session.scalars(select(IdeaTally))
    return {(t.category_id, t.area_key, t.status): t.count for t in rows}


def _recounted() -> dict[tuple[int, int, str], int]:
    tally.rebuild()
    counts = _snapshot()
    db.session.rollback()
    return counts


def _non_zero(counts: dict) -> dict:
    return {k: v for k, v in counts.items() if v}


def test_tally_follows_every_change():
    roads, nature = make_category(), make_category()
    author = make_user()
    ideas = [make_idea(author, category=roads) for _ in range(3)]
    make_idea(author, category=nature)
    assert tally.total() == 4
    assert tally.total(roads.id) == 3

    services.withdraw_idea(db.session.get(Idea, ideas[0].id), author)
    edited = db.session.get(Idea, ideas[1].id)
    services.edit_idea(edited, edited.title, edited.body, db.session.get(Category, nature.id))
    db.session.commit()
    assert tally.total(roads.id) == 1
    assert tally.total(nature.id) == 2
    assert tally.total(status=IdeaStatus.NEW) == 3
    assert _non_zero(_snapshot()) == _non_zero(_recounted())


def test_list_total_and_front_page_use_the_tally(client):
    category = make_category(name="Roads")
    for _ in range(3):
        make_idea(category=category)
    hidden = db.session.get(Idea, make_idea(category=category).id)
    hidden.hidden_at = utcnow()
    db.session.commit()
    tally.rebuild()
    db.session.commit()
    assert "3 ideas" in client.get(f"/ideas/?category={category.slug}").get_data(as_text=True)
    assert "3 ideas" in client.get("/").get_data(as_text=True)


def test_tally_is_exact_when_ideas_are_posted_at_once(app):
    category = make_category()
    authors = [make_user() for _ in range(10)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(authors))

    def post(author_id: int) -> None:
        try:
            with app.app_context():
                author = db.session.get(User, author_id)
                barrier.wait()
                for n in range(3):
                    services.create_idea(
                        author, f"Idea {author_id}-{n}", "A body long enough to post.",
                        db.session.get(Category, category.id),
                    )  # fmt: skip
                    db.session.commit()
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=post, args=(a.id,)) for a in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = db.session.scalar(select(func.count()).select_from(Idea))
    assert tally.total(category.id) == rows == 30
