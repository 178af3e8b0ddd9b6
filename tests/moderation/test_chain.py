"""The moderation log's hash chain: every entry chained to the one before,
``flask audit verify`` naming the first entry changed behind the portal's
back, and the head shown to moderators."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from portal.accounts.models import Role
from portal.extensions import db
from portal.moderation import chain, services
from portal.moderation.models import GENESIS, LogEntry, install_append_only, lift_append_only
from portal.municipality.models import AgendaItem
from tests.factories import make_comment, make_idea, make_meeting, make_user
from tests.parallel import posts_at_once


def _entries() -> list[LogEntry]:
    return list(db.session.scalars(select(LogEntry).order_by(LogEntry.seq)))


def _log_three() -> list[LogEntry]:
    moderator = make_user(role=Role.MODERATOR)
    idea = make_idea()
    services.log(moderator, "hide", idea, "Spam wave")
    services.log(moderator, "restore", idea, "A mistake")
    services.log(moderator, "dismiss_flags", idea)
    db.session.commit()
    return _entries()


def _behind_the_portals_back(sql: str, **values: object) -> None:
    """What someone with the database password could do: lift the triggers,
    change the log, put the triggers back."""
    db.session.commit()  # dropping a trigger waits for every reader of the table
    with db.engine.begin() as connection:
        lift_append_only(connection)
        connection.execute(text(sql), values)
        install_append_only(connection)
    db.session.expire_all()


def test_entries_are_chained_in_order(app):
    first, second, third = _log_three()
    assert [e.seq for e in (first, second, third)] == [1, 2, 3]
    assert first.prev_digest == GENESIS
    assert second.prev_digest == first.digest
    assert third.prev_digest == second.digest
    assert first.digest == chain.digest(first)
    assert len(first.digest) == 64
    verdict = chain.verify()
    assert (verdict.entries, verdict.broken) == (3, None)
    assert verdict.head == chain.Head(3, third.digest)


def test_a_rolled_back_action_leaves_no_place_taken(app):
    _log_three()
    moderator, idea = make_user(role=Role.MODERATOR), make_idea()
    services.log(moderator, "hide", idea)
    db.session.rollback()
    assert chain.head().seq == 3
    services.log(None, "hide", make_idea())
    db.session.commit()
    assert chain.verify().broken is None
    assert chain.head().seq == 4


def test_verify_finds_a_changed_reason(app, runner):
    _first, second, _third = _log_three()
    _behind_the_portals_back(
        "UPDATE moderation_log SET reason = 'Policy' WHERE id = :id", id=second.id
    )
    broken = chain.verify().broken
    assert (broken.problem, broken.seq, broken.entry_id) == ("changed", 2, second.id)

    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"entry 2 of the chain (row id {second.id}" in result.output
    assert "it was changed" in result.output
    assert "1 entries before it hold" in result.output


def test_verify_finds_a_change_whose_digest_was_recomputed(app):
    _first, second, third = _log_three()
    second.reason = "Policy"
    forged = chain.digest(second)
    db.session.rollback()
    _behind_the_portals_back(
        "UPDATE moderation_log SET reason = 'Policy', digest = :digest WHERE id = :id",
        digest=forged,
        id=second.id,
    )
    broken = chain.verify().broken
    assert (broken.problem, broken.seq, broken.entry_id) == ("unlinked", 3, third.id)


def test_verify_finds_a_removed_entry(app):
    _first, second, third = _log_three()
    _behind_the_portals_back("DELETE FROM moderation_log WHERE id = :id", id=second.id)
    broken = chain.verify().broken
    assert (broken.problem, broken.seq, broken.entry_id) == ("missing", 3, third.id)


def test_verify_finds_the_newest_entry_removed(app):
    *_, third = _log_three()
    _behind_the_portals_back("DELETE FROM moderation_log WHERE id = :id", id=third.id)
    verdict = chain.verify()
    assert (verdict.broken.problem, verdict.broken.seq, verdict.entries) == ("head", 3, 2)


def test_verify_walks_a_long_chain_in_batches(app, runner):
    moderator = make_user(role=Role.MODERATOR)
    idea = make_idea()
    for number in range(25):
        services.log(moderator, "hide", idea, f"Reason {number}")
    db.session.commit()
    assert chain.verify(batch=4).entries == 25
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "holds: 25 entries" in result.output
    assert f"Head: entry 25, fingerprint {chain.head().digest}" in result.output


def test_the_chain_holds_when_moderators_act_at_once(app):
    idea = make_idea()
    comments = [make_comment(idea) for _ in range(4)]
    moderators = [make_user(role=Role.MODERATOR) for _ in comments]
    db.session.commit()
    statuses = posts_at_once(
        app,
        [
            (moderator, f"/moderation/comments/{comment.id}/hide", {"reason": "Offensive"})
            for moderator, comment in zip(moderators, comments, strict=True)
        ],
    )
    assert statuses == [302] * 4
    db.session.expire_all()
    assert [e.seq for e in _entries()] == [1, 2, 3, 4]
    assert chain.verify().broken is None


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_moderators_see_the_head(client, auth, locale):
    *_, third = _log_three()
    auth.as_role(Role.MODERATOR)
    page = client.get(f"/moderation/log?lang={locale}").get_data(as_text=True)
    assert third.digest in page
    assert 'id="log-head-title"' in page


def test_the_meeting_report_prints_the_newest_entry_about_it(client, runner):
    meeting, other = make_meeting(), make_meeting()
    on_agenda, elsewhere = make_idea(), make_idea()
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=on_agenda.id, position=1))
    moderator = make_user(role=Role.MODERATOR)
    services.log(moderator, "meeting_published", meeting)
    services.log(moderator, "agenda_added", on_agenda)
    services.log(moderator, "hide", elsewhere, "Not about this meeting")
    services.log(moderator, "meeting_edited", other)
    db.session.commit()
    about = db.session.scalar(select(LogEntry).where(LogEntry.seq == 2))

    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert 'id="checking-heading"' in page
    assert about.digest in page
    assert chain.head().digest not in page

    published = f"{about.seq}:{about.digest}"
    assert runner.invoke(args=["audit", "verify", "--published", published]).exit_code == 0
    forged = f"{about.seq}:{'f' * 64}"
    result = runner.invoke(args=["audit", "verify", "--published", forged])
    assert result.exit_code == 1
    assert "does not carry the published fingerprint" in result.output
    assert runner.invoke(args=["audit", "verify", "--published", "2:abc"]).exit_code == 2


def test_a_meeting_nothing_was_logged_about_prints_the_head_of_the_log(client):
    meeting = make_meeting()
    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert 'id="checking-heading"' not in page  # an empty log: nothing to vouch for
    services.log(make_user(role=Role.MODERATOR), "hide", make_idea(), "Elsewhere")
    db.session.commit()
    page = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "When this report was printed, its newest entry was entry 1" in page
    assert chain.head().digest in page


def test_every_action_written_to_the_log_has_a_label():
    """The log page names each action in the reader's language; an action
    key written without a label would show as a raw key."""
    import ast
    from pathlib import Path

    from portal.moderation.models import LOG_ACTION_LABELS

    written = set()
    for path in Path(services.__file__).parents[1].rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "log" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                written.add(node.args[1].value)
            for keyword in node.keywords if name == "LogEntry" else ():
                if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                    written.add(keyword.value.value)
    assert {"hide", "settings", "nominee_merged"} <= written
    assert written - set(LOG_ACTION_LABELS) == set()


def test_verify_finds_an_entry_added_behind_the_portals_back(app, runner):
    *_, third = _log_three()
    forged = LogEntry(
        seq=4, prev_digest=third.digest, actor_id=None, action="hide", target_type="idea",
        target_id=third.target_id, reason="Forged", details=None, created_at=third.created_at,
    )  # fmt: skip
    forged_digest = chain.digest(forged)
    _behind_the_portals_back(
        "INSERT INTO moderation_log (seq, prev_digest, digest, actor_id, action, target_type,"
        " target_id, reason, details, created_at) VALUES (4, :prev, :digest, NULL, 'hide',"
        " 'idea', :target, 'Forged', NULL, :at)",
        prev=third.digest, digest=forged_digest, target=third.target_id, at=third.created_at,
    )  # fmt: skip
    verdict = chain.verify()
    assert (verdict.broken.problem, verdict.broken.seq) == ("unrecorded", 4)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "the recorded head never counted it" in result.output


def test_entries_added_while_verify_walks_are_no_alarm(app, monkeypatch):
    """A moderator acting during the walk: the head moves past what was read."""
    _log_three()
    walk = chain._rows

    def rows_then_a_new_entry(batch):  # type: ignore[no-untyped-def]
        yield from walk(batch)
        services.log(make_user(role=Role.MODERATOR), "hide", make_idea(), "Meanwhile")
        db.session.commit()

    monkeypatch.setattr(chain, "_rows", rows_then_a_new_entry)
    verdict = chain.verify()
    assert verdict.broken is None
    assert verdict.head.seq == 4
