"""Who may do what with open calls (challenges). Part of ``portal.permissions``:
the rules are imported there, so views and templates ask them like any other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal.accounts.models import Role
from portal.permissions import has_role, is_admin, is_author, is_official_of, is_participant
from portal.timeutil import utcnow

if TYPE_CHECKING:
    from portal.challenges.models import Challenge
    from portal.ideas.models import Idea


def can_create_challenge(user: Any) -> bool:
    """Officials (for their department) and admins set challenges."""
    return has_role(user, Role.OFFICIAL, Role.ADMIN)


def can_manage_challenge(user: Any, challenge: Challenge) -> bool:
    """The owning department's officials, and admins: edit, open, close, cancel."""
    return is_official_of(user, challenge.department_id) or is_admin(user)


def can_view_challenge(user: Any, challenge: Challenge) -> bool:
    """A draft is seen only by those who manage it and its jury; once it has
    opened it is public."""
    return (
        challenge.is_public
        or can_manage_challenge(user, challenge)
        or is_jury_member(user, challenge)
    )


def can_answer_challenge(user: Any, challenge: Challenge) -> bool:
    """Any participant, while the challenge is open and before its deadline."""
    return is_participant(user) and challenge.accepts_answers(utcnow())


def can_give_idea_as_answer(user: Any, challenge: Challenge, idea: Idea) -> bool:
    """The author turns one of their own public ideas into an answer."""
    return can_answer_challenge(user, challenge) and is_author(user, idea) and idea.is_public


def can_invite_answerers(user: Any, challenge: Challenge) -> bool:
    """The owners invite people to answer, when the challenge is open to
    "also people we invite by e-mail" (the service says when it can send)."""
    return challenge.invites_answerers and can_manage_challenge(user, challenge)


def can_manage_terms(user: Any) -> bool:
    """The list of terms answers are given under is the admins'."""
    return is_admin(user)


def is_jury_member(user: Any, challenge: Challenge) -> bool:
    """Has joined this challenge's jury (jury rights are per challenge)."""
    from portal.challenges.jury_queries import member_of

    return member_of(user, challenge) is not None


def can_manage_jury(user: Any, challenge: Challenge) -> bool:
    """Appoint, invite and remove jury members: the challenge's owners."""
    return can_manage_challenge(user, challenge)


def can_evaluate(user: Any, challenge: Challenge) -> bool:
    """A member of this challenge's jury sees its answers to score (a draft's
    jury sees that scoring begins later)."""
    return is_jury_member(user, challenge)


def can_view_ranking(user: Any, challenge: Challenge) -> bool:
    """The ranking by the jury's scores, before results are published: the owners."""
    return can_manage_challenge(user, challenge)


def is_still_scoring(user: Any, challenge: Challenge) -> bool:
    """On this jury and not yet done with every answer: the others' scores
    (the ranking, a draft report) stay closed to them, owners included."""
    from portal.challenges.jury import has_finished
    from portal.challenges.jury_queries import member_of

    member = member_of(user, challenge)
    return (
        member is not None
        and challenge.phase == "evaluation"
        and not has_finished(member, challenge)
    )


def can_view_results_report(user: Any, challenge: Challenge) -> bool:
    """The printed results report: public once the results are published;
    before that, in evaluation, the owners read it as a draft (an owner on
    the jury once done scoring)."""
    if challenge.results_published_at is not None:
        return can_view_challenge(user, challenge)
    return (
        challenge.phase == "evaluation"
        and can_view_ranking(user, challenge)
        and not is_still_scoring(user, challenge)
    )


def can_manage_nominations(user: Any, challenge: Challenge) -> bool:
    """Ask for nominations (the question, the limit, the end): the owners."""
    return can_manage_challenge(user, challenge)


def can_view_pyramid(user: Any, challenge: Challenge) -> bool:
    """Who was nominated, by whom and why: the owners, admins and the jury
    (never public: a nominee's name and the reasons are personal data)."""
    return can_manage_challenge(user, challenge) or is_jury_member(user, challenge)


def can_nominate(user: Any, challenge: Challenge) -> bool:
    """Any participant (the service says whether the call is open)."""
    return challenge.is_public and is_participant(user)
