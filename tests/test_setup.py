"""Set-up: migrations, configuration, demo content and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, inspect, select

from config import ProductionConfig
from portal import create_app
from portal.accounts.models import Role, User
from portal.challenges.models import Answer, Challenge, JuryMember, Score, Terms
from portal.comments.models import Comment
from portal.demo.loader import DEMO_PASSWORD, load_demo
from portal.extensions import db
from portal.ideas import workflow
from portal.ideas.models import Category, Idea, IdeaStatus, StatusChange
from portal.ideas.queries import search_ideas
from portal.models import include_object
from portal.moderation import chain
from portal.moderation.models import Flag, LogEntry
from portal.municipality.models import AgendaItem, HandOver, Meeting, ThankYouNote
from portal.photos.models import Photo
from portal.supports.models import Support
from portal.timeutil import utcnow
from tests.conftest import database_url
from tests.factories import make_category, make_idea


def test_migrations_create_the_schema_the_models_describe(tmp_path):
    url = database_url(tmp_path / "migrated")
    (tmp_path / "migrated").mkdir()
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.drop_all()  # the app fixture's tables (on PostgreSQL the same database)
        upgrade()
        engine = create_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_object": include_object, "compare_type": True}
            )
            diff = compare_metadata(context, db.metadata)
            names = set(inspect(connection).get_table_names())
            names |= {ix["name"] for ix in inspect(connection).get_indexes("idea")}
            connection.exec_driver_sql("DROP TABLE alembic_version")
            connection.commit()
        # The full-text index follows the ideas table after every migration.
        make_idea(title="Migrated search works", category=make_category())
        found = [i.title for i in search_ideas("migrated", 1, 10).items]
        db.session.remove()
        engine.dispose()
        db.engine.dispose()
    assert diff == []
    assert names & {"idea_fts", "ix_idea_search"}, "the search index was not created"
    assert found == ["Migrated search works"]


def test_production_refuses_to_start_without_a_secret_or_a_database(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://portal@localhost/portal")
    with pytest.raises(SystemExit, match="^portal: SECRET_KEY must be set"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(SystemExit, match="at least 32 characters"):
        create_app("production")
    # The shipped environment file's placeholder is long enough, and public.
    placeholder = next(
        line.removeprefix("SECRET_KEY=")
        for line in (Path(__file__).resolve().parents[1] / "deploy" / "portal.env")
        .read_text()
        .splitlines()
        if line.startswith("SECRET_KEY=")
    )
    monkeypatch.setenv("SECRET_KEY", placeholder)
    with pytest.raises(SystemExit, match="still the placeholder of deploy/portal.env"):
        create_app("production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    assert ProductionConfig().SECRET_KEY == "x" * 40
    # Without DATABASE_URL production does not quietly fall back to SQLite.
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(SystemExit, match="^portal: DATABASE_URL must be set"):
        create_app("production", SQLALCHEMY_DATABASE_URI=None)


def test_the_refusal_is_one_line_from_the_command_line(tmp_path):
    """What an operator sees when the environment file was not loaded."""
    env = {"PATH": os.environ["PATH"], "PORTAL_CONFIG": "production", "FLASK_APP": "wsgi"}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "outbox", "send"],
        cwd=Path(__file__).resolve().parents[1], env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "portal: SECRET_KEY must be set (at least 32 characters) in production"
    )


def test_the_portal_imports_from_any_directory(tmp_path):
    """A job or a shell started elsewhere finds the portal's own configuration,
    even where a different config.py sits in the working directory."""
    (tmp_path / "config.py").write_text("raise RuntimeError('not the portal configuration')\n")
    env = {"PATH": os.environ["PATH"], "PORTAL_INSTANCE_DIR": str(tmp_path / "instance")}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "portal", "routes"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "/healthz" in done.stdout


def test_development_secret_is_generated_once(tmp_path, monkeypatch):
    import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first = config.DevelopmentConfig().SECRET_KEY
    assert len(first) > 40
    assert first == config.DevelopmentConfig().SECRET_KEY
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_demo_content_loads_once():
    assert load_demo() is True
    assert load_demo() is False
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    assert count(Category) == 8
    assert count(Idea) == 52  # 40, a merged duplicate and 11 answers to challenges
    # Open calls: two open (one in Dutch, with a deadline in days), one in
    # evaluation, one with its results published.
    phases = sorted(db.session.scalars(select(Challenge.phase)))
    assert phases == ["evaluation", "open", "open", "results"]
    assert count(Answer) == 11
    awarded = select(func.count()).where(Answer.award.is_not(None))
    assert db.session.scalar(awarded) == 2
    assert count(Terms) == 2
    # The jury: the outside expert on three challenges, an official on one;
    # part of the scoring done (2 + 4 answers × 3 criteria, and 3 × 3 finished).
    assert count(JuryMember) == 4
    assert count(Score) == 27
    assert count(Comment) > 100
    roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert roles["jury@example.org"] == Role.CITIZEN  # an outside expert
    for role in Role:
        assert roles[f"{role.value}@example.org"] == role
    # Something for the moderator to do, and something already done.
    assert db.session.scalar(select(func.count()).where(Flag.resolved_at.is_(None))) >= 4
    assert db.session.scalar(select(func.count()).where(Comment.hidden_at.is_not(None))) == 1
    # hide, merge, and the thank-you note on the implemented idea
    assert db.session.scalar(select(func.count()).select_from(LogEntry)) == 3
    assert count(ThankYouNote) == 1
    assert count(Photo) == 3
    # Every status of the workflow, hand-overs with and without answers (one
    # overdue), two past meetings with decisions and one coming up.
    assert set(db.session.scalars(select(Idea.status).distinct())) == set(IdeaStatus)
    answered = select(func.count()).where(HandOver.answered_at.is_not(None))
    assert db.session.scalar(answered) >= 3
    waiting = select(func.count()).where(HandOver.answered_at.is_(None), HandOver.due_at < utcnow())
    assert db.session.scalar(waiting) == 1
    past = select(func.count()).where(Meeting.starts_at < utcnow())
    assert db.session.scalar(past) == 2
    assert db.session.scalar(select(func.count()).where(AgendaItem.decision.is_not(None))) == 5
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 3
    # The history follows the workflow: every step is allowed from the one before.
    for idea_id in db.session.scalars(select(Idea.id)):
        steps = db.session.scalars(
            select(StatusChange.to_status)
            .where(StatusChange.idea_id == idea_id)
            .order_by(StatusChange.created_at, StatusChange.id)
        ).all()
        assert steps[0] == IdeaStatus.NEW
        for before, after in zip(steps, steps[1:], strict=False):
            assert workflow.allowed(before, after), (idea_id, before, after)
    # Stored counters agree with the rows.
    for idea in db.session.scalars(select(Idea)):
        supports = db.session.scalar(select(func.count()).where(Support.idea_id == idea.id))
        assert idea.support_count == supports


def test_demo_accounts_log_in(client):
    load_demo()
    response = client.post(
        "/account/login", data={"email": "moderator@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/moderation/"
    client.post("/account/logout")
    response = client.post(
        "/account/login", data={"email": "official@example.org", "password": DEMO_PASSWORD}
    )
    assert response.headers["Location"] == "/municipality/inbox"
    inbox = client.get("/municipality/inbox").get_data(as_text=True)
    assert inbox.count('<tr class="overdue">') == 1  # the demo's overdue hand-over, first
    assert inbox.index('<tr class="overdue">') < inbox.index("<tr>", inbox.index("<tbody>"))


def test_cli_creates_an_admin_and_changes_roles(runner):
    result = runner.invoke(
        args=["users", "create-admin", "--email", "boss@example.org", "--name", "Boss"],
        input="a long admin password\na long admin password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "boss@example.org"))
    assert user.role == Role.ADMIN
    assert user.is_verified
    again = runner.invoke(
        args=["users", "create-admin", "--email", "boss@example.org", "--name", "Boss"],
        input="a long admin password\na long admin password\n",
    )
    assert again.exit_code != 0
    assert "already has an account" in again.output

    result = runner.invoke(args=["users", "set-role", "boss@example.org", "moderator"])
    assert result.exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, user.id).role == Role.MODERATOR
    assert runner.invoke(args=["users", "set-role", "nobody@example.org", "admin"]).exit_code != 0


@pytest.mark.parametrize(
    ("args", "password", "complaint"),
    [
        (["--email", "not an e-mail", "--name", "Boss"], "a long admin password", "email:"),
        (["--email", "boss@example.org", "--name", "Boss"], "short", "password:"),
        # A password the log-in form would refuse: the admin could never log in.
        (["--email", "boss@example.org", "--name", "Boss"], "x" * 250, "password:"),
        # Asked again, never empty.
        (["--email", "boss@example.org", "--name", "Boss"], "", "Aborted"),
        (["--email", "boss@example.org", "--name", "  "], "a long admin password", "display_name:"),
        (["--email", "boss@example.org", "--name", "B"], "a long admin password", "display_name:"),
        (
            ["--email", "boss@example.org", "--name", "Moderator"],
            "a long admin password",
            "display_name:",
        ),
        (
            ["--email", "boss@example.org", "--name", "Bo\u202ess"],
            "a long admin password",
            "display_name:",
        ),
    ],
)
def test_cli_admin_follows_the_registration_rules(runner, args, password, complaint):
    result = runner.invoke(args=["users", "create-admin", *args], input=f"{password}\n{password}\n")
    assert result.exit_code != 0
    assert complaint in result.output
    assert db.session.scalar(select(User).where(User.role == Role.ADMIN)) is None


def test_cli_demo_load(runner):
    assert "loaded" in runner.invoke(args=["demo", "load"]).output
    assert "already present" in runner.invoke(args=["demo", "load"]).output


def test_migrations_upgrade_a_database_with_content(tmp_path):
    """Later migrations rebuild tables on SQLite: people, ideas and sessions
    already there survive, and the new tables are filled in from them."""
    url = database_url(tmp_path / "old")
    (tmp_path / "old").mkdir()
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.drop_all()
        upgrade(revision="0006_merged_ideas")
        with db.engine.begin() as connection:
            run = connection.exec_driver_sql
            run(
                "INSERT INTO user_account (id, email, display_name, password_hash, role,"
                " created_at, email_verified_at) VALUES (1, 'a@example.org', 'A', 'x', 'citizen',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
                " (2, 'b@example.org', 'B', 'x', 'citizen', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
            run(
                "INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at, remember)"
                " VALUES ('t1', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false)"
            )
            run(
                "INSERT INTO category (id, slug, position, name_en, name_da, name_nb, name_nl)"
                " VALUES (1, 'roads', 0, 'Roads', 'Veje', 'Vei', 'Wegen')"
            )
            run(
                "INSERT INTO idea (id, title, body, body_html, category_id, author_id, status,"
                " created_at, support_count, comment_count, last_activity_at, trending_score)"
                " VALUES (1, 'Old idea', 'b', '<p>b</p>', 1, 1, 'new', CURRENT_TIMESTAMP, 1, 0,"
                " CURRENT_TIMESTAMP, 0)"
            )
            run(
                "INSERT INTO support (idea_id, user_id, created_at)"
                " VALUES (1, 2, CURRENT_TIMESTAMP)"
            )
            run(
                "INSERT INTO moderation_log (actor_id, action, target_type, target_id, reason,"
                " created_at) VALUES (1, 'hide', 'idea', 1, 'Spam', '2026-01-02 03:04:05.000006'),"
                " (NULL, 'restore', 'idea', 1, NULL, '2026-01-03 03:04:05')"
            )
            run(
                "INSERT INTO outbox_message (kind, to_address, locale, subject, body_text,"
                " body_html, status, attempts, created_at) VALUES ('verify_email',"
                " 'a@example.org', 'da', 'S', 't', 'h', 'queued', 0, CURRENT_TIMESTAMP)"
            )
        upgrade()
        with db.engine.connect() as connection:
            one = connection.exec_driver_sql
            assert one("SELECT count(*) FROM user_session").scalar() == 1
            assert one("SELECT title, awaiting_approval FROM idea").one() == ("Old idea", False)
            assert set(one("SELECT user_id FROM follow WHERE idea_id = 1").scalars()) == {1, 2}
            assert one("SELECT message_id FROM outbox_message").scalar() == "<outbox-1@localhost>"
        # What was written gets its first version, with its fingerprint.
        from portal.versions.models import Revision
        from portal.versions.services import fingerprint

        first = db.session.scalar(select(Revision).where(Revision.kind == "idea"))
        assert (first.number, first.title, first.digest) == (1, "Old idea", fingerprint(first))
        # The log's entries are chained in the order they were written.
        verdict = chain.verify()
        assert (verdict.entries, verdict.broken, verdict.head.seq) == (2, None, 2)
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.engine.dispose()


def test_the_benchmark_dataset_builds_with_the_current_models(app):
    """`make bench` is not part of the suite; its bulk loader must still fit the models."""
    from bench.dataset import build

    facts = build("small")
    assert facts["ideas"] == 200
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 200
