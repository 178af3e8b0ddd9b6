"""The demo's open calls: one open in Danish with answers, a deadline in a
few days and a pyramid of nominations, one in evaluation, and one open in
Dutch."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges.models import (
    AgendaChallenge,
    Answer,
    Challenge,
    Criterion,
    JuryMember,
    Phase,
    Score,
)
from portal.challenges.standard_terms import ensure_standard_terms
from portal.demo.nominations import load_nominations
from portal.extensions import db
from portal.ideas.models import Category, Idea, IdeaStatus, StatusChange
from portal.municipality.models import Department, Meeting
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.sanitize import render_markdown

CHALLENGES = [
    {
        "department": "roads-parks",
        "phase": Phase.OPEN,
        "opened_days_ago": 24,
        "closes_in_days": 4,
        "terms": "municipal-use",
        "title": "Hvordan holder vi de lave gader i Solbjerg Havn tørre?",
        "summary": "Ved skybrud løber vandet ind i kældrene på Havnegade og Fiskerstræde. "
        "Vi vil gerne høre jeres løsninger, store som små.",
        "brief": (
            "## Baggrund\n\n"
            "Tre gange de seneste fem år er kældre i Havnegade og Fiskerstræde blevet "
            "oversvømmet ved skybrud. Kloakken kan ikke tage vandet, og gaderne ligger kun "
            "1,2 meter over havet.\n\n"
            "## Det spørger vi om\n\n"
            "Hvordan kan vi lede regnvandet væk fra husene, før det når kældrene? Vi tænker "
            "både på løsninger i gaderne, i haverne og på tagene.\n\n"
            "## Et godt svar\n\n"
            "- beskriver løsningen, så en ingeniør kan vurdere den\n"
            "- siger, hvor den hjælper, og hvor meget\n"
            "- giver et bud på prisen og på vedligeholdelsen\n\n"
            "## Uden for opgaven\n\n"
            "Et nyt kloaksystem for hele byen: det er allerede planlagt til 2031.\n\n"
            "Baggrund: [Klimatilpasningsplanen](https://example.org/klimaplan.pdf)"
        ),
        "reward": "De tre bedste forslag præsenteres for Teknik- og Miljøudvalget, og "
        "kommunen afsætter midler til at afprøve vinderforslaget i Fiskerstræde.",
        "reward_amount": 250_000,
        "criteria": [
            ("Gennemførlighed", "Kan det lade sig gøre i de smalle gader?", 25),
            ("Virkning", "Hvor meget vand holdes væk fra kældrene?", 35),
            ("Pris", "Anlæg og vedligeholdelse over ti år.", 20),
            # Public support: computed from the supports, not scored.
            ("Opbakning", "Hvor mange borgere støtter forslaget?", 20, True),
        ],
        "answers": [
            (3, "Regnbede i alle indkørsler på Havnegade",
             "Lad hver grundejer lave et lille regnbed ved indkørslen, så vandet siver ned "
             "i stedet for at løbe ud på vejen. Kommunen kan give et tilskud."),
            (5, "Grønne tage på de store lagerbygninger",
             "Lagerbygningerne ved havnen har flade tage. Med sedum kan de holde på en stor "
             "del af regnen, og de bliver samtidig køligere om sommeren."),
            (8, "Vejen som kanal: hæv fortovet og lad vejen lede vandet til havnen",
             "Ved skybrud kan selve vejen lede vandet ned til havnen, hvis fortovskanterne "
             "hæves og vejen får et svagt fald mod vandet."),
        ],
    },
    {
        "department": "culture-leisure",
        "phase": Phase.EVALUATION,
        "opened_days_ago": 45,
        "closes_in_days": -3,
        "terms": "cc-by-4",
        "title": "Hvordan får flere unge lyst til at bruge biblioteket om aftenen?",
        "summary": "Biblioteket har åbent til kl. 22, men de unge kommer ikke. Hvad skal "
        "der til?",
        "brief": (
            "## Baggrund\n\n"
            "Siden 2024 har biblioteket haft åbent til kl. 22 alle hverdage. Efter kl. 18 "
            "kommer der næsten ingen mellem 15 og 25 år.\n\n"
            "## Det spørger vi om\n\n"
            "Hvad skal biblioteket tilbyde om aftenen, for at unge vil komme? Fortæl os også, "
            "hvem der skal stå for det."
        ),
        "reward": "Vinderen får 10.000 kr. og er med til at sætte sit forslag i gang.",
        "reward_amount": 10_000,
        "criteria": [
            ("Appel til unge", "Vil unge faktisk komme?", 50),
            ("Gennemførlighed", "Kan biblioteket klare det med sine folk og lokaler?", 30),
            ("Pris", "Hvad koster det om året?", 20),
        ],
        "answers": [
            (2, "Lektiecafé med pizza om tirsdagen",
             "Unge fra gymnasiet hjælper folkeskoleelever med lektier, og biblioteket giver "
             "pizza. Så kommer begge grupper."),
            (6, "Gaming-aftener i musiklokalet",
             "Musiklokalet står tomt om aftenen. Med en projektor og et par konsoller kan det "
             "blive byens bedste sted at spille sammen."),
            (9, "Lad de unge selv låne lokalerne",
             "Giv foreninger og grupper af unge en nøgle og et lokale, når de selv vil lave "
             "noget: koncerter, workshops, spilaftener."),
            (11, "Stille læsesal til eksamenslæsning",
             "I eksamensperioden mangler der stille pladser. Hold læsesalen åben og stille "
             "til kl. 22."),
        ],
    },
    {
        "department": "climate-environment",
        "phase": Phase.OPEN,
        "opened_days_ago": 6,
        "closes_in_days": 21,
        "terms": "cc-by-4",
        "language": "nl",
        "title": "Hoe maken we de weekmarkt op het Havnetorv duurzamer?",
        "summary": "Elke zaterdag blijft er afval en onverkocht voedsel achter. Hoe doen we "
        "het beter?",
        "brief": (
            "## Achtergrond\n\n"
            "Op de weekmarkt blijft elke zaterdag ongeveer 300 kilo afval achter, waarvan de "
            "helft voedsel dat nog goed is.\n\n"
            "## Onze vraag\n\n"
            "Hoe verminderen we het afval en zorgen we dat onverkocht voedsel niet wordt "
            "weggegooid?"
        ),
        "reward": "De gemeente voert het beste voorstel een jaar lang uit op de markt.",
        "reward_amount": None,
        "criteria": [
            ("Effect", "Hoeveel afval voorkomt het?", 60),
            ("Uitvoerbaarheid", "Kunnen de marktkooplui het zelf doen?", 40),
        ],
        "answers": [
            (4, "Een koelkast voor iedereen aan het eind van de markt",
             "Kooplui zetten onverkochte groente en brood in een gedeelde koelkast; "
             "iedereen mag eruit halen wat hij nodig heeft."),
        ],
    },
    {
        "department": "roads-parks",
        "phase": Phase.RESULTS,
        "opened_days_ago": 120,
        "closes_in_days": -70,
        "terms": "municipal-use",
        "title": "Hvordan gør vi vejen til skole sikrere for cyklister?",
        "summary": "Mange forældre kører deres børn i skole, fordi de ikke tør lade dem cykle. "
        "Hvad skal der til?",
        "brief": (
            "## Baggrund\n\n"
            "Om morgenen er der kø af biler foran Solbjerg Skole, og kun hvert femte barn "
            "cykler.\n\n"
            "## Det spørger vi om\n\n"
            "Hvad skal der til, for at forældrene tør lade børnene cykle?"
        ),
        "reward": "Vinderforslaget gennemføres på Skolevej i løbet af foråret.",
        "reward_amount": 400_000,
        "criteria": [
            ("Sikkerhed", "Bliver det mærkbart sikrere?", 50),
            ("Pris", "Hvad koster det?", 20),
            ("Opbakning", "Vil forældre og børn bruge det?", 30),
        ],
        "answers": [
            (7, "Skolegade: lukket for biler 7.30-8.15",
             "Luk Skolevej for biltrafik i den halve time, hvor børnene kommer."),
            (10, "Cykelbus med voksne fra hvert kvarter",
             "Forældre skiftes til at cykle foran en gruppe børn fra hvert kvarter."),
            (12, "Flere lysreguleringer",
             "Sæt lyskryds op ved de tre største veje, børnene skal over."),
        ],
        # The outcome of each answer, in order: award and public reasoning.
        "outcomes": [
            ("first", "Gør den største forskel for sikkerheden, koster næsten intet og "
                      "har bred opbakning blandt forældrene."),
            ("mention", "En god idé, som kommunen gerne støtter ved siden af vinderforslaget."),
            (None, "For dyrt i forhold til virkningen: krydsene er allerede sikrede."),
        ],
        "scores": [(5, 5, 4), (4, 4, 3), (2, 1, 2)],
    },
]  # fmt: skip


JURY_EXPERT = ("jury@example.org", "Jytte Juryekspert")
# The evaluating challenge's jury: the outside expert scored the first two
# answers, the culture official all four (scores per criterion, in order).
JURY_SCORES = {
    "jury@example.org": [(4, 3, 2), (2, 4, 4)],
    "kultur@example.org": [(5, 4, 3), (3, 3, 4), (2, 5, 5), (4, 2, 3)],
}


def load_challenges(
    citizens: list[User], departments: dict[str, Department], categories: dict, now, person
) -> None:  # type: ignore[no-untyped-def]
    """The challenges, their answers, and the jury: the outside expert
    (``jury@example.org``) on the open Danish challenge and the one in
    evaluation, where part of the scoring is done."""
    terms = {t.slug: t for t in ensure_standard_terms()}
    expert = person(*JURY_EXPERT, Role.CITIZEN, 200)
    db.session.flush()
    made = []
    category = next(iter(categories.values()))
    for spec in CHALLENGES:
        # Whole hours read better than the minute the demo was loaded.
        hour = now.replace(minute=0, second=0, microsecond=0)
        opens = hour - timedelta(days=spec["opened_days_ago"])
        closes = hour + timedelta(days=spec["closes_in_days"], hours=12)
        challenge = Challenge(
            title=spec["title"],
            summary=spec["summary"],
            brief=spec["brief"],
            brief_html=render_markdown(spec["brief"]),
            department_id=departments[spec["department"]].id,
            phase=spec["phase"],
            opens_at=opens,
            opened_at=opens if spec["phase"] != Phase.DRAFT else None,
            closes_at=closes,
            results_due=closes + timedelta(days=30),
            reward=spec["reward"],
            reward_amount=spec["reward_amount"],
            terms_id=terms[spec["terms"]].id,
            scale_max=5,
            created_at=opens - timedelta(days=7),
            updated_at=opens,
            phase_changed_at=min(closes, now) if spec["phase"] == Phase.EVALUATION else opens,
            criteria=[
                Criterion(
                    position=n,
                    name=name,
                    description=description,
                    weight=weight,
                    from_supports=bool(supports),
                )
                for n, (name, description, weight, *supports) in enumerate(spec["criteria"])
            ],
        )
        db.session.add(challenge)
        db.session.flush()
        answers = []
        for n, (author, title, body) in enumerate(spec["answers"]):
            posted = opens + timedelta(days=2 + 3 * n)
            answers.append(
                _answer(challenge, citizens[author], category, title, body, posted, spec)
            )
        made.append((challenge, answers))
        if spec["phase"] == Phase.RESULTS:
            _results(challenge, answers, spec, expert, closes + timedelta(days=20))
            _on_next_meeting(challenge, now)
    _jury(made, expert, now)
    load_nominations(made[0][0], citizens, now, person)  # the open Danish one


def _on_next_meeting(challenge: Challenge, now) -> None:  # type: ignore[no-untyped-def]
    """The finished challenge's results go to the next committee meeting."""
    meeting = db.session.scalar(
        select(Meeting).where(Meeting.starts_at > now).order_by(Meeting.starts_at).limit(1)
    )
    if meeting is not None:
        db.session.add(
            AgendaChallenge(meeting_id=meeting.id, challenge_id=challenge.id, added_at=now)
        )


def _results(challenge: Challenge, answers: list[Idea], spec: dict, expert: User, when) -> None:  # type: ignore[no-untyped-def]
    """A finished challenge: the expert's scores, the awards and the reasons."""
    member = JuryMember(
        challenge_id=challenge.id,
        user_id=expert.id,
        name=expert.display_name,
        invited_at=challenge.opens_at,
        joined_at=challenge.opens_at,
    )
    db.session.add(member)
    db.session.flush()
    for idea, values, (award, reasoning) in zip(
        answers, spec["scores"], spec["outcomes"], strict=True
    ):
        _score(member, challenge, idea, values, when)
        answer = db.session.get(Answer, idea.id)
        answer.award, answer.reasoning = award, reasoning
        answer.reasoning_html = render_markdown(reasoning)
    challenge.results_published_at = challenge.phase_changed_at = when


def _jury(made, expert: User, now) -> None:  # type: ignore[no-untyped-def]
    (open_one, _), (evaluating, answers) = made[0], made[1]
    official = db.session.scalar(select(User).where(User.email == "kultur@example.org"))
    members = {}
    for challenge, user in ((open_one, expert), (evaluating, expert), (evaluating, official)):
        member = JuryMember(
            challenge_id=challenge.id,
            user_id=user.id,
            name=user.display_name,
            invited_at=challenge.opens_at,
            joined_at=challenge.opens_at + timedelta(days=1),
        )
        db.session.add(member)
        members[challenge.id, user.email] = member
    db.session.flush()
    for email, rows in JURY_SCORES.items():
        member = members[evaluating.id, email]
        for idea, values in zip(answers, rows, strict=False):
            _score(member, evaluating, idea, values, now)


def _score(member: JuryMember, challenge: Challenge, idea: Idea, values, when) -> None:  # type: ignore[no-untyped-def]
    """A member's scores of one answer, one per criterion the jury scores."""
    criteria = sorted(challenge.jury_criteria, key=lambda c: c.position)
    for criterion, value in zip(criteria, values, strict=True):
        db.session.add(
            Score(
                member_id=member.id,
                idea_id=idea.id,
                criterion_id=criterion.id,
                value=value,
                scale_max=challenge.scale_max,
                scored_at=when,
            )
        )


def _answer(challenge: Challenge, author: User, category: Category, title, body, posted, spec):  # type: ignore[no-untyped-def]
    idea = Idea(
        title=title,
        body=body,
        body_html=render_markdown(body),
        language=spec.get("language", "da"),
        category_id=category.id,
        author_id=author.id,
        status=IdeaStatus.NEW,
        created_at=posted,
        last_activity_at=posted,
        challenge_id=challenge.id,
    )
    db.session.add(idea)
    db.session.flush()
    db.session.add(
        StatusChange(
            idea_id=idea.id, to_status=IdeaStatus.NEW, actor_id=author.id, created_at=posted
        )
    )
    db.session.add(Answer(idea_id=idea.id, terms_id=challenge.terms_id, answered_at=posted))
    notifications.follow(author, FollowKind.CHALLENGE, challenge)
    return idea
