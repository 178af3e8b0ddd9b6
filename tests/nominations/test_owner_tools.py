"""What the owners do with the pyramid: merge two records of one person,
invite a top nominee to answer or to the jury with one action, read the
picture and its print; and what moderators do with an abusive nomination."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges.models import AnswerInvitation, JuryMember
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.nominations import answers, owner_tools, picture, queries, services
from portal.nominations.models import Nomination, Nominee, NomineeStatus
from portal.nominations.services import CallData, NominationData, NominationError
from portal.timeutil import utcnow
from tests.factories import make_challenge, make_juror, make_owner, make_user


def _call(challenge) -> User:  # type: ignore[no-untyped-def]
    owner = make_owner(challenge)
    services.set_call(
        owner, challenge, CallData("Who knows the harbour?", 3, utcnow() + timedelta(days=9))
    )
    db.session.commit()
    return owner


def _nominate(nominator, challenge, name, email=None, named=False):  # type: ignore[no-untyped-def]
    return services.nominate(
        nominator, challenge, NominationData(name, email, f"{name} knows the tides.", named)
    )


def _rows(challenge) -> dict[str, queries.PyramidRow]:  # type: ignore[no-untyped-def]
    return {row.nominee.name: row for row in queries.pyramid(challenge).rows}


def test_merging_two_records_of_one_person_keeps_every_nomination():
    challenge = make_challenge()
    owner = _call(challenge)
    a, b, c = make_user(), make_user(), make_user()
    _nominate(a, challenge, "Hanne Havnefoged", "hanne@example.org")
    _nominate(b, challenge, "H. Havnefoged", "h.havn@example.org")
    _nominate(c, challenge, "The harbour master")  # a pointer, no address
    _nominate(b, challenge, "Hanne Havnefoged", "hanne@example.org")
    db.session.commit()
    rows = _rows(challenge)
    keep, other, pointer = (rows[n].nominee for n in ("Hanne Havnefoged", "H. Havnefoged",
                                                      "The harbour master"))  # fmt: skip
    owner_tools.merge(owner, challenge, keep, other)
    owner_tools.merge(owner, challenge, pointer, keep)  # the pointer is kept, Hanne merged into it
    db.session.commit()
    (row,) = queries.pyramid(challenge).rows
    assert row.nominee.id == pointer.id
    assert {n.name for n in row.merged} == {"Hanne Havnefoged", "H. Havnefoged"}
    assert len(row.reasons) == 4  # every nomination kept
    assert row.nominators == 3  # b nominated both spellings: one person
    # The kept record takes the further status and the live invitation.
    assert (row.nominee.status, row.nominee.email) == (NomineeStatus.INVITED, "hanne@example.org")
    assert db.session.get(Nominee, keep.id).merged_into_id == pointer.id  # one level deep
    # The address still finds the person: a nomination counts for the kept record,
    # and the same nominator cannot nominate them again under the other address.
    with pytest.raises(NominationError) as twice:
        _nominate(b, challenge, "Hanne", "h.havn@example.org")
    assert twice.value.key == "twice"
    _nominate(make_user(), challenge, "Hanne", "H.Havn@example.org")
    db.session.commit()
    assert queries.pyramid(challenge).rows[0].nominators == 4
    assert db.session.scalar(select(LogEntry.action).where(LogEntry.target_type == "nominee"))
    with pytest.raises(NominationError) as again:
        owner_tools.merge(owner, challenge, pointer, db.session.get(Nominee, keep.id))
    assert again.value.key == "merged"


def test_the_owner_merges_on_the_pyramid_page(client, auth):
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(), challenge, "Hanne", "hanne@example.org")
    _nominate(make_user(), challenge, "Hanne H.")
    db.session.commit()
    ids = {n.name: n.id for n in db.session.scalars(select(Nominee))}
    auth.login(owner)
    path = f"/challenges/{challenge.id}/pyramid"
    same = client.post(path, data={"keep": ids["Hanne"], "other": ids["Hanne"]})
    assert same.status_code == 400
    assert "Choose two different records." in same.get_data(as_text=True)
    done = client.post(path, data={"keep": ids["Hanne"], "other": ids["Hanne H."]})
    assert done.status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "Also recorded as: Hanne H." in page
    juror = make_juror(challenge)
    auth.login(db.session.get(User, juror.user_id))
    assert client.post(path, data={"keep": ids["Hanne"], "other": 1}).status_code == 403


def test_one_action_invites_a_top_nominee_to_the_jury_or_to_answer(client, auth):
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(locale="nl"), challenge, "Hanne", "hanne@example.org")
    _nominate(make_user(), challenge, "Nobody to write to")
    db.session.commit()
    hanne = db.session.scalar(select(Nominee).where(Nominee.name == "Hanne"))
    pointer = db.session.scalar(select(Nominee).where(Nominee.name != "Hanne"))
    auth.login(owner)
    path = f"/challenges/{challenge.id}/pyramid/{hanne.id}/invite"
    assert client.post(path, data={"seat": "jury"}).status_code == 302
    assert client.post(path, data={"seat": "answer"}).status_code == 302
    assert client.post(path, data={"seat": "mayor"}).status_code == 400
    kinds = db.session.scalars(
        select(OutboxMessage.kind).where(OutboxMessage.to_address == "hanne@example.org")
    ).all()
    assert sorted(kinds) == ["answer_invitation", "jury_invitation", "nomination_invitation"]
    jury_mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.kind == "jury_invitation")
    )
    assert jury_mail.locale == "nl"  # the language of the nomination's invitation
    member = db.session.scalar(select(JuryMember))
    invitation = db.session.scalar(select(AnswerInvitation))
    assert member.address_private
    assert invitation.address_private
    hanne = db.session.get(Nominee, hanne.id)
    assert (hanne.jury_member_id, hanne.answer_invitation_id) == (member.id, invitation.id)
    # Twice is refused; the owners never see the address.
    again = client.post(path, data={"seat": "jury"}, follow_redirects=True)
    assert "already been invited to that" in again.get_data(as_text=True)
    for page in (f"/challenges/{challenge.id}/jury", f"/challenges/{challenge.id}/invitations",
                 f"/challenges/{challenge.id}/pyramid"):  # fmt: skip
        text = client.get(page).get_data(as_text=True)
        assert "hanne@example.org" not in text, page
    pyramid = client.get(f"/challenges/{challenge.id}/pyramid").get_data(as_text=True)
    assert "Invited to the jury on" in pyramid
    refused = client.post(
        f"/challenges/{challenge.id}/pyramid/{pointer.id}/invite",
        data={"seat": "jury"},
        follow_redirects=True,
    )
    assert "cannot be written to" in refused.get_data(as_text=True)


def test_a_nominee_who_took_part_is_invited_at_their_account(client, auth):
    challenge = make_challenge()
    owner = _call(challenge)
    nomination = _nominate(make_user(), challenge, "Ole", "ole@example.org")
    db.session.commit()
    ole = make_user(email="ole.account@example.org", locale="da")
    answers.take_part(ole, db.session.get(Nominee, nomination.nominee_id), shown=False)
    db.session.commit()
    owner_tools.invite_to(owner, challenge, db.session.get(Nominee, nomination.nominee_id), "jury")
    db.session.commit()
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "jury_invitation"))
    assert (mail.to_address, mail.locale) == ("ole.account@example.org", "da")


def test_the_picture_draws_rounds_sizes_and_anonymous_nominators():
    challenge = make_challenge()
    _call(challenge)
    named, anonymous = make_user(name="Named Nominator"), make_user(name="Secret Person")
    _nominate(named, challenge, "Hanne", "hanne@example.org", named=True)
    _nominate(anonymous, challenge, "Hanne", "hanne@example.org")
    _nominate(anonymous, challenge, "Ole", "ole@example.org")
    db.session.commit()
    hanne = db.session.scalar(select(Nominee).where(Nominee.name == "Hanne"))
    taker = make_user()
    answers.take_part(taker, hanne, shown=False)
    _nominate(taker, challenge, "Kim", "kim@example.org")
    db.session.commit()
    found = queries.pyramid(challenge)
    drawn = picture.draw(found)
    assert [band.round for band in drawn.bands] == [2, 1, 0]  # the last round on top
    nodes = {node.key: node for node in drawn.nodes}
    assert len(nodes) == 5  # three nominees, two nominators who came on their own
    first = found.rows[0].nominee
    assert (nodes[f"n{first.id}"].r, nodes[f"n{first.id}"].place) == (picture.MAX_R, 1)
    ole = db.session.scalar(select(Nominee).where(Nominee.name == "Ole"))
    assert picture.MIN_R < nodes[f"n{ole.id}"].r < nodes[f"n{hanne.id}"].r  # area by weight
    citizens = [n for n in drawn.nodes if n.person.row is None]
    assert sorted(str(n.person.name) for n in citizens) == ["Named Nominator", "None"]
    assert len(drawn.arrows) == 4
    assert all(n.y < m.y for n in drawn.nodes for m in drawn.nodes
               if n.person.round > m.person.round)  # fmt: skip


def test_the_picture_and_its_print_for_the_committee(client, auth):
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(name="Secret Person"), challenge, "Hanne", "hanne@example.org")
    db.session.commit()
    auth.login(owner)
    page = client.get(f"/challenges/{challenge.id}/pyramid").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'aria-labelledby="pyramid-title pyramid-desc"' in page
    assert "A citizen (anonymous)" in page
    assert "Secret Person" not in page  # did not agree to be named
    report = client.get(f"/challenges/{challenge.id}/pyramid/report")
    text = report.get_data(as_text=True)
    assert report.status_code == 200
    assert "Confidential" in text
    assert "Hanne" in text
    assert "<svg" in text
    assert "hanne@example.org" not in text
    pdf = client.get(f"/challenges/{challenge.id}/pyramid/report.pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    auth.login(make_user())
    assert client.get(f"/challenges/{challenge.id}/pyramid/report").status_code == 403


def test_a_moderator_hides_an_abusive_nomination_and_it_stops_counting(client, auth):
    challenge = make_challenge()
    _call(challenge)
    nominator = make_user()
    _nominate(nominator, challenge, "Hanne", "hanne@example.org")
    _nominate(make_user(), challenge, "Hanne", "hanne@example.org")
    db.session.commit()
    assert _rows(challenge)["Hanne"].nominators == 2
    nomination_id = db.session.scalar(
        select(Nomination.id).where(Nomination.nominator_id == nominator.id)
    )
    auth.login(make_user(Role.MODERATOR))
    listing = client.get("/moderation/nominations").get_data(as_text=True)
    assert "Hanne knows the tides." in listing
    assert "hanne@example.org" not in listing
    path = f"/moderation/nominations/{nomination_id}/hide"
    empty = client.post(path, data={"reason": ""})
    assert empty.status_code == 400
    assert client.post(path, data={"reason": "Insults the nominee."}).status_code == 302
    assert _rows(challenge)["Hanne"].nominators == 1
    entry = db.session.scalar(select(LogEntry).where(LogEntry.target_type == "nomination"))
    assert (entry.action, entry.reason) == ("hide", "Insults the nominee.")
    assert "Nomination #" in client.get("/moderation/log").get_data(as_text=True)
    auth.login(db.session.get(User, nominator.id))
    mine = client.get(f"/challenges/{challenge.id}/nominate").get_data(as_text=True)
    assert "Insults the nominee." in mine
    auth.login(make_user(Role.MODERATOR))
    restore = f"/moderation/nominations/{nomination_id}/restore"
    assert client.post(restore, data={"reason": "A misunderstanding."}).status_code == 302
    assert _rows(challenge)["Hanne"].nominators == 2


def test_a_persons_nominations_are_in_their_data_and_go_with_their_account(client, auth):
    from tests.factories import PASSWORD

    challenge = make_challenge()
    _call(challenge)
    leaving = auth.as_role(name="Leaving Nominator")
    other = make_user()
    _nominate(leaving, challenge, "Only Mine", "only@example.org")
    _nominate(leaving, challenge, "Shared", "shared@example.org", named=True)
    _nominate(other, challenge, "Shared", "shared@example.org")
    _nominate(other, challenge, "Leaving Person", leaving.email)  # they were nominated too
    db.session.commit()
    data = client.get("/account/data").get_json()["nominations"]
    assert [m["name"] for m in data["made"]] == ["Only Mine", "Shared"]
    assert data["made"][0]["status"] == NomineeStatus.INVITED
    assert "only@example.org" not in str(data)  # the address typed is never given back
    assert [n["name"] for n in data["about_me"]] == ["Leaving Person"]
    assert data["written_about_me"] == [
        {"challenge": challenge.id, "knowledge": "Leaving Person knows the tides.",
         "made": data["written_about_me"][0]["made"], "by": None}
    ]  # fmt: skip
    assert client.post("/account/delete", data={"password": PASSWORD}).status_code == 302
    names = {row.nominee.name: row.nominators for row in queries.pyramid(challenge).rows}
    assert names == {"Shared": 1}  # their own nominee and their place as a nominee are gone
    assert (
        db.session.scalar(select(Nomination).where(Nomination.nominator_id == leaving.id)) is None
    )


def test_the_pyramid_pages_ask_a_fixed_number_of_queries(client, auth, count_queries):
    """However many nominations (the benchmark measures 2,000): the page, its
    print view and the moderators' list."""

    def measure(challenge, owner) -> dict[str, int]:  # type: ignore[no-untyped-def]
        counts = {}
        for who, path in ((visitor, f"/challenges/{challenge.id}"),
                          (owner, f"/challenges/{challenge.id}/pyramid"),
                          (owner, f"/challenges/{challenge.id}/pyramid/report"),
                          (moderator, "/moderation/nominations")):  # fmt: skip
            if who is visitor:
                auth.logout()
            else:
                auth.login(who)
            with count_queries() as counter:
                assert client.get(path).status_code == 200, path
            counts[path.split("/", 3)[-1]] = counter.count
        return counts

    moderator, visitor = make_user(Role.MODERATOR), object()
    sizes = {}
    for people in (2, 12):
        challenge = make_challenge()
        owner = _call(challenge)
        nominators = [make_user() for _ in range(people)]
        for n, nominator in enumerate(nominators):
            _nominate(nominator, challenge, f"Expert {n}", f"expert{n}@example.org")
            _nominate(nominator, challenge, f"Pointer {n}")
        for taker in db.session.scalars(
            select(Nominee).where(Nominee.challenge_id == challenge.id, Nominee.email.is_not(None))
        ).all()[: people // 2]:
            answers.take_part(make_user(), taker, shown=True)
        db.session.commit()
        sizes[people] = measure(challenge, owner)
    few, many = sizes.values()
    assert list(few.values()) == list(many.values())
    assert max(many.values()) <= 8, many


def test_the_challenge_page_names_the_experts_who_chose_to_be_named(client):
    challenge = make_challenge()
    _call(challenge)
    for name in ("Hanne", "Ole"):
        _nominate(make_user(), challenge, name, f"{name.lower()}@example.org")
    db.session.commit()
    records = {n.name: n for n in db.session.scalars(select(Nominee))}
    answers.take_part(make_user(name="Hanne Havnefoged"), records["Hanne"], shown=True)
    answers.take_part(make_user(name="Ole Quiet"), records["Ole"], shown=False)
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Nominated experts taking part" in page
    assert "Hanne Havnefoged" in page  # the name of their own account
    assert "Ole Quiet" not in page
