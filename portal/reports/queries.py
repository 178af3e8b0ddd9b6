"""Everything a report prints, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.challenges import agenda, jury_queries, ranking
from portal.challenges import queries as challenge_queries
from portal.challenges.models import Answer, Award, Challenge
from portal.challenges.ranking import Ranked
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.cards import loaded_for_cards
from portal.ideas.models import Idea, StatusChange
from portal.moderation import chain
from portal.municipality.models import AgendaItem, HandOver, Meeting
from portal.reports.chart import BarChart, MeansChart, criterion_means_chart, supporters_chart
from portal.versions import queries as versions
from portal.versions.models import Kind

COMMENTS_PER_IDEA = 3  # the most recent ones, unless some were picked for the report


@dataclass
class ReportIdea:
    idea: Idea
    history: list[StatusChange] = field(default_factory=list)
    hand_over: HandOver | None = None
    comments: list[Comment] = field(default_factory=list)
    agenda_item: AgendaItem | None = None

    @property
    def anchor(self) -> str:
        return f"idea-{self.idea.id}"


@dataclass
class CategoryLine:
    name: str
    ideas: int = 0
    supports: int = 0


@dataclass
class ChallengeOnAgenda:
    """A challenge's results as the meeting report prints them."""

    challenge: Challenge
    answers: int
    awarded: list[tuple[Idea, Answer]]


@dataclass
class Report:
    ideas: list[ReportIdea]
    challenges: list[ChallengeOnAgenda] = field(default_factory=list)
    # The moderation log's newest entry about what the report shows (or,
    # when none is about it, the log's head as it was printed: log_head_of_all).
    log_head: chain.Head | None = None
    # The newest version of each idea and answer it prints, by (kind, id).
    versions: dict = field(default_factory=dict)
    log_head_of_all: bool = False

    @property
    def total_support(self) -> int:
        return sum(r.idea.support_count for r in self.ideas)

    @property
    def chart(self) -> BarChart:
        return supporters_chart([r.idea for r in self.ideas])

    @property
    def per_category(self) -> list[CategoryLine]:
        lines: dict[int, CategoryLine] = {}
        for r in self.ideas:
            line = lines.setdefault(r.idea.category_id, CategoryLine(r.idea.category.name))
            line.ideas += 1
            line.supports += r.idea.support_count
        return sorted(lines.values(), key=lambda line: (-line.supports, line.name))


def _details(ideas: list[Idea]) -> dict[int, ReportIdea]:
    """History, hand-over and comments of the given ideas (three queries)."""
    found = {i.id: ReportIdea(i) for i in ideas}
    if not found:
        return found
    ids = list(found)
    for change in db.session.scalars(
        select(StatusChange)
        .where(StatusChange.idea_id.in_(ids))
        .order_by(StatusChange.created_at, StatusChange.id)
    ):
        found[change.idea_id].history.append(change)
    for item in db.session.scalars(
        select(HandOver).where(HandOver.idea_id.in_(ids)).options(joinedload(HandOver.department))
    ):
        found[item.idea_id].hand_over = item
    comments: dict[int, list[Comment]] = defaultdict(list)
    for comment in db.session.scalars(
        select(Comment)
        .where(Comment.idea_id.in_(ids), Comment.public)
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
    ):
        comments[comment.idea_id].append(comment)
    for idea_id, all_comments in comments.items():
        picked = [c for c in all_comments if c.in_report]
        chosen = picked or all_comments[:COMMENTS_PER_IDEA]
        found[idea_id].comments = sorted(chosen, key=lambda c: (c.created_at, c.id))
    return found


def _ideas_with(stmt) -> list[Idea]:  # type: ignore[no-untyped-def]
    """With author, category, area and the photo the report prints."""
    return list(db.session.scalars(stmt.options(*loaded_for_cards())))


def meeting_report(meeting: Meeting) -> Report:
    """The meeting's agenda in order; ideas a moderator hid are left out,
    withdrawn ones stay (and are marked)."""
    items = list(
        db.session.scalars(
            select(AgendaItem)
            .join(Idea, Idea.id == AgendaItem.idea_id)
            .where(AgendaItem.meeting_id == meeting.id, Idea.visible)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    ideas = {
        i.id: i for i in _ideas_with(select(Idea).where(Idea.id.in_([i.idea_id for i in items])))
    }
    details = _details(list(ideas.values()))
    report = []
    for item in items:
        entry = details[item.idea_id]
        entry.agenda_item = item
        report.append(entry)
    head = chain.newest_about({"meeting": [meeting.id], "idea": list(ideas)})
    of_all = head is None
    if of_all:  # nothing logged about this meeting: the whole log as printed
        head = chain.head()
        head = head if head.seq else None
    printed = versions.newest(list(ideas), (Kind.IDEA, Kind.ANSWER))
    return Report(report, _challenges_on(meeting), head, printed, of_all)


def _challenges_on(meeting: Meeting) -> list[ChallengeOnAgenda]:
    """The challenges on the agenda with their awarded answers (three queries)."""
    challenges = agenda.on_agenda(meeting)
    ids = [c.id for c in challenges]
    counts = challenge_queries.answer_counts(ids)
    awarded: dict[int, list[tuple[Idea, Answer]]] = defaultdict(list)
    order = jury_queries.AWARD_ORDER
    rows = db.session.execute(
        select(Idea, Answer)
        .join(Answer, Answer.idea_id == Idea.id)
        .where(Idea.challenge_id.in_(ids), Idea.public, Answer.award.is_not(None))
        .options(joinedload(Idea.author))
    ).all()
    for idea, answer in sorted(rows, key=lambda r: (order.index(Award(r[1].award)), r[0].id)):
        awarded[idea.challenge_id].append((idea, answer))
    return [ChallengeOnAgenda(c, counts.get(c.id, 0), awarded[c.id]) for c in challenges]


def period_report(
    department_id: int | None, start: datetime, end: datetime, area_id: int | None = None
) -> Report:
    """Everything handed over (to one department, or to all; about one area,
    or any) in [start, end)."""
    stmt = (
        select(Idea)
        .join(HandOver, HandOver.idea_id == Idea.id)
        .where(HandOver.created_at >= start, HandOver.created_at < end, Idea.visible)
        .order_by(HandOver.created_at, Idea.id)
    )
    if department_id is not None:
        stmt = stmt.where(HandOver.department_id == department_id)
    if area_id is not None:
        stmt = stmt.where(Idea.area_id == area_id)
    ideas = _ideas_with(stmt)
    details = _details(ideas)
    return Report([details[i.id] for i in ideas])


# --- the results report of a challenge --------------------------------------------


@dataclass
class ResultsReport:
    """What the results report prints: every public answer ranked by the
    jury's scores with its outcome, the awarded ones first where it matters."""

    challenge: Challenge
    ranked: list[Ranked]  # every public answer, highest total first
    outcomes: dict[int, Answer]  # by idea
    jury_names: list[str]
    unnamed: int

    @property
    def awarded(self) -> list[Ranked]:
        """1st, 2nd, 3rd, winners, honourable mentions (then by total)."""
        order = jury_queries.AWARD_ORDER
        found = [r for r in self.ranked if self.outcomes[r.idea.id].award]
        return sorted(found, key=lambda r: order.index(Award(self.outcomes[r.idea.id].award)))

    @property
    def chart(self) -> MeansChart:
        return criterion_means_chart(
            self.challenge.criteria,
            [
                (
                    r.idea,
                    self.outcomes[r.idea.id].award,
                    {c: f.mean for c, f in r.criteria.items()},
                )
                for r in self.awarded
            ],
            self.challenge.scale_max,
        )


def results_report(challenge: Challenge) -> ResultsReport:
    """Five queries, however many answers and scores."""
    rows = jury_queries.results_of(challenge)
    ideas = [idea for idea, _answer in rows]
    names, unnamed = jury_queries.public_jury(jury_queries.joined_jury(challenge))
    return ResultsReport(
        challenge=challenge,
        ranked=ranking.rank(
            challenge,
            ideas,
            jury_queries.scores_of(challenge),
            supports=jury_queries.supports_of(challenge),
        ),
        outcomes={idea.id: answer for idea, answer in rows},
        jury_names=names,
        unnamed=unnamed,
    )
