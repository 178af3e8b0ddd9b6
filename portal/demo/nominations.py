"""The demo's pyramid: the open Danish challenge asks who knows more about
flooding, over three rounds — about 25 nominees, some named several times,
one recorded twice and merged, one who declined, one who asked never to be
e-mailed again, pointers without an address and an invitation that ran out.

Rows are written directly (no invitation mails go out for made-up people);
nominees who took part get an account of their own, as they would.
"""

from __future__ import annotations

from datetime import timedelta

from portal import suppression
from portal.accounts.models import Role, User
from portal.challenges.models import Challenge
from portal.extensions import db
from portal.nominations.counts import recount
from portal.nominations.models import Nomination, NominationCall, Nominee, NomineeStatus

QUESTION = "Hvem ved mere end dig om oversvømmelser i de lave gader?"
TOOK, INVITED, DECLINED, POINTER, EXPIRED = (
    NomineeStatus.TOOK_PART,
    NomineeStatus.INVITED,
    NomineeStatus.DECLINED,
    NomineeStatus.POINTER,
    NomineeStatus.EXPIRED,
)
# key: (name, address or None, status, nominated by — citizens by their
# number in content.CITIZENS, nominees who took part by key — and why).
NOMINEES = {
    "havnefoged": (
        "Hanne Havnefoged",
        "hanne.havnefoged@example.org",
        TOOK,
        [
            (0, "Hun har passet havnen i tyve år og ved præcis, hvornår vandet kommer ind."),
            (1, "Havnefogeden måler vandstanden hver dag og kender alle slusernes svagheder."),
            (2, "Hun var den, der advarede os før skybruddet i 2022."),
            (3, "Ingen ved mere om tidevand og stormflod i Solbjerg Havn end hende."),
        ],
    ),
    "kloakmester": (
        "Kurt Kloakmester",
        "kurt.kloak@example.org",
        TOOK,
        [
            (1, "Han har lagt halvdelen af kloakkerne under Havnegade."),
            (4, "Kurt kender hver eneste brønd i gamle bydel og ved, hvilke der løber over først."),
        ],
    ),
    "geolog": (
        "Gitte Geolog",
        "gitte.geolog@example.org",
        TOOK,
        [
            (2, "Hun har kortlagt grundvandet under byen for regionen."),
        ],
    ),
    "beredskab": (
        "Bent Beredskab",
        "bent.beredskab@example.org",
        INVITED,
        [
            (0, "Han leder beredskabet ved skybrud og har pumpet kældrene tomme mange gange."),
            (5, "Bent ved, hvor sandsækkene gør gavn, og hvor de ikke gør."),
        ],
    ),
    "landinspektoer": (
        "Lise Landinspektør",
        "lise.landinspektoer@example.org",
        DECLINED,
        [
            (3, "Hun har målt terrænet i hele havneområdet op til nybyggeriet."),
        ],
    ),
    "privat": (
        "Per Privat",
        "per.privat@example.org",
        "suppressed",
        [
            (6, "Han har bygget et regnvandsbassin i sin egen have, der virker."),
        ],
    ),
    "juelsminde": (
        "Havnefogeden i Juelsminde",
        None,
        POINTER,
        [
            (4, "Juelsminde havde samme problem og har løst det med en højvandsmur."),
        ],
    ),
    "entreprenoer": (
        "Erik Entreprenør",
        "erik.entreprenoer@example.org",
        EXPIRED,
        [
            (7, "Hans firma har hævet kældervægge i Fiskerstræde."),
        ],
    ),
    "dubletten": (
        "H. Havnefoged",
        "h.havnefoged@example.org",
        "merged:havnefoged",
        [
            (5, "Havnefogeden har styr på vandstand og sluser."),
        ],
    ),
    "vandvaerk": (
        "Vibeke Vandværk",
        "vibeke.vandvaerk@example.org",
        INVITED,
        [
            (6, "Hun styrer pumperne på vandværket og ved, hvor meget ledningerne kan tage."),
            (7, "Vibeke har data for hvert skybrud siden 2010."),
        ],
    ),
    "gartner": (
        "Gorm Gartner",
        "gorm.gartner@example.org",
        INVITED,
        [
            (0, "Han har anlagt regnbede i parkerne, som suger vandet op."),
        ],
    ),
    "laerer": (
        "Sofie Skolelærer",
        "sofie.skole@example.org",
        INVITED,
        [
            (1, "Hendes klasse har målt vandet i gaderne i et helt år."),
        ],
    ),
    "oldermand": (
        "Ole Oldermand",
        "ole.oldermand@example.org",
        INVITED,
        [
            (2, "Han husker stormfloden i 1981 og hvordan man klarede den dengang."),
        ],
    ),
    "toemrer": (
        "Tove Tømrer",
        "tove.toemrer@example.org",
        EXPIRED,
        [
            (3, "Hun har sikret døre og vinduer mod vand i mange huse i kvarteret."),
        ],
    ),
    # Round 2: named by round-1 nominees who took part.
    "hydrolog": (
        "Helle Hydrolog",
        "helle.hydrolog@example.org",
        TOOK,
        [
            ("havnefoged", "Hun har lavet vandmodellen for hele Vejle Fjord."),
            ("kloakmester", "Helle regner på, hvad kloakkerne skal kunne om halvtreds år."),
            ("geolog", "Den bedste hydrolog, jeg kender: hun forstår både regn og grundvand."),
        ],
    ),
    "klimaforsker": (
        "Klaus Klimaforsker",
        "klaus.klima@example.org",
        INVITED,
        [
            ("havnefoged", "Han forsker i havstigninger langs østkysten."),
            ("geolog", "Klaus kan sige, hvor højt vandet står i 2100."),
        ],
    ),
    "digeingenioer": (
        "Dorte Digeingeniør",
        "dorte.dige@example.org",
        TOOK,
        [
            ("kloakmester", "Hun har bygget diger i Holland og i Ribe."),
        ],
    ),
    "forsikring": (
        "Frank Forsikring",
        "frank.forsikring@example.org",
        DECLINED,
        [
            ("havnefoged", "Han har set alle skadesanmeldelserne fra kvarteret."),
        ],
    ),
    "arkitekt": (
        "Anja Arkitekt",
        "anja.arkitekt@example.org",
        INVITED,
        [
            ("geolog", "Hun tegner byrum, der kan tåle at stå under vand."),
        ],
    ),
    "dmi": (
        "Ham fra DMI, der talte på borgermødet",
        None,
        POINTER,
        [
            ("kloakmester", "Han forklarede skybruddene bedre end nogen anden."),
        ],
    ),
    # Round 3: named by round-2 nominees who took part.
    "professor": (
        "Pia Professor",
        "pia.professor@example.org",
        INVITED,
        [
            ("hydrolog", "Hun har skrevet bogen om byer og skybrud."),
            ("digeingenioer", "Pia har rådgivet tre kommuner om klimasikring."),
        ],
    ),
    "pumpe": (
        "Palle Pumpeekspert",
        "palle.pumpe@example.org",
        INVITED,
        [
            ("hydrolog", "Han ved alt om pumpestationer, der skal køre under stormflod."),
        ],
    ),
    "regnvand": (
        "Rasmus Regnvand",
        "rasmus.regnvand@example.org",
        TOOK,
        [
            ("hydrolog", "Han har bygget skybrudsveje i København."),
        ],
    ),
    "kystdirektorat": (
        "Karen fra Kystdirektoratet",
        "karen.kyst@example.org",
        INVITED,
        [
            ("digeingenioer", "Hun godkender kystsikring og kender reglerne."),
        ],
    ),
    "nabokommune": (
        "Nina Nabokommune",
        "nina.nabo@example.org",
        DECLINED,
        [
            ("digeingenioer", "Hun har ledet klimatilpasningen i nabokommunen."),
        ],
    ),
}


def load_nominations(challenge: Challenge, citizens: list[User], now, person) -> None:  # type: ignore[no-untyped-def]
    """The call on ``challenge`` and its three rounds of nominations."""
    opened = challenge.opens_at
    db.session.add(
        NominationCall(
            challenge_id=challenge.id,
            question=QUESTION,
            per_nominator=3,
            ends_at=challenge.closes_at,
            created_at=opened,
        )
    )
    records: dict[str, Nominee] = {}
    accounts: dict[str, User] = {}
    for step, (key, (name, email, status, nominations)) in enumerate(NOMINEES.items(), 1):
        first = nominations[0][0]
        round_ = 1 if isinstance(first, int) else records[first].round + 1
        when = opened + timedelta(days=round_ * 4 - 3, hours=step * 5)
        merged = status.startswith("merged:")
        state = DECLINED if status == "suppressed" else INVITED if merged else status
        nominee = Nominee(
            challenge_id=challenge.id,
            name=name,
            email=email if state == INVITED else None,
            address_hash=suppression.address_hash(email) if email else None,
            status=state,
            round=round_,
            invited_at=when if email else None,
            locale="da",
            answered_at=when + timedelta(days=2) if state in (TOOK, DECLINED) else None,
            created_at=when,
        )
        if merged:
            nominee.merged_into_id = records[status.split(":", 1)[1]].id
            nominee.email = None  # the kept record carries the live invitation
        if state == TOOK:
            account = person(email, name, Role.CITIZEN, 0)
            account.created_at = account.email_verified_at = when + timedelta(days=2)
            db.session.flush()
            accounts[key] = account
            nominee.user_id, nominee.shown = account.id, key != "geolog"
        if status == "suppressed":
            suppression.suppress(email)
        db.session.add(nominee)
        db.session.flush()
        records[key] = nominee
        for n, (by, knowledge) in enumerate(nominations):
            nominator = citizens[by] if isinstance(by, int) else accounts[by]
            db.session.add(
                Nomination(
                    challenge_id=challenge.id,
                    nominee_id=nominee.id,
                    nominator_id=nominator.id,
                    knowledge=knowledge,
                    name=name,
                    named=(step + n) % 3 != 0,
                    created_at=when + timedelta(hours=n * 7),
                )
            )
    db.session.flush()
    recount(challenge.id)
