"""The two terms a new portal starts with; admins change them or add more
(each change is a new version). Used by the migration that creates the
table and by the demo."""

from __future__ import annotations

from sqlalchemy import select

from portal.challenges.models import Terms
from portal.extensions import db

STANDARD_TERMS = [
    {
        "slug": "cc-by-4",
        "name_en": "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "name_da": "Creative Commons Navngivelse 4.0 (CC BY 4.0)",
        "name_nb": "Creative Commons Navngivelse 4.0 (CC BY 4.0)",
        "name_nl": "Creative Commons Naamsvermelding 4.0 (CC BY 4.0)",
        "text_en": (
            "You give your answer under the Creative Commons Attribution 4.0 licence: anyone, "
            "the municipality included, may share and adapt it for any purpose, as long as you "
            "are named as its author and changes are marked.\n\n"
            "The licence: https://creativecommons.org/licenses/by/4.0/"
        ),
        "text_da": (
            "Du giver dit bidrag under licensen Creative Commons Navngivelse 4.0: alle, også "
            "kommunen, må dele og bearbejde det til ethvert formål, når du nævnes som forfatter, "
            "og ændringer markeres.\n\n"
            "Licensen: https://creativecommons.org/licenses/by/4.0/deed.da"
        ),
        "text_nb": (
            "Du gir bidraget ditt under lisensen Creative Commons Navngivelse 4.0: alle, også "
            "kommunen, kan dele og bearbeide det til ethvert formål, så lenge du oppgis som "
            "forfatter og endringer markeres.\n\n"
            "Lisensen: https://creativecommons.org/licenses/by/4.0/deed.no"
        ),
        "text_nl": (
            "U geeft uw inzending onder de licentie Creative Commons Naamsvermelding 4.0: "
            "iedereen, ook de gemeente, mag haar delen en bewerken voor elk doel, zolang u als "
            "maker wordt genoemd en wijzigingen worden aangegeven.\n\n"
            "De licentie: https://creativecommons.org/licenses/by/4.0/deed.nl"
        ),
    },
    {
        "slug": "municipal-use",
        "name_en": "Free use by the municipality, author named",
        "name_da": "Fri brug for kommunen, forfatteren nævnes",
        "name_nb": "Fri bruk for kommunen, forfatteren navngis",
        "name_nl": "Vrij gebruik door de gemeente, met naamsvermelding",
        "text_en": (
            "The municipality may use, adapt and carry out your answer freely, without payment "
            "beyond what the challenge offers. You keep the right to be named as its author. "
            "You confirm that the answer is your own work, or that you may give it."
        ),
        "text_da": (
            "Kommunen må frit bruge, bearbejde og gennemføre dit bidrag uden anden betaling end "
            "den, udfordringen tilbyder. Du beholder retten til at blive nævnt som forfatter. "
            "Du bekræfter, at bidraget er dit eget, eller at du har lov til at give det."
        ),
        "text_nb": (
            "Kommunen kan fritt bruke, bearbeide og gjennomføre bidraget ditt uten annen betaling "
            "enn det utfordringen tilbyr. Du beholder retten til å bli navngitt som forfatter. "
            "Du bekrefter at bidraget er ditt eget, eller at du har lov til å gi det."
        ),
        "text_nl": (
            "De gemeente mag uw inzending vrij gebruiken, bewerken en uitvoeren, zonder andere "
            "vergoeding dan wat de uitdaging biedt. U houdt het recht om als maker genoemd te "
            "worden. U bevestigt dat de inzending uw eigen werk is, of dat u haar mag geven."
        ),
    },
]


def ensure_standard_terms() -> list[Terms]:
    """Add the standard terms that are missing (by short name); returns them."""
    have = set(db.session.scalars(select(Terms.slug)))
    for row in STANDARD_TERMS:
        if row["slug"] not in have:
            db.session.add(Terms(version=1, current=True, **row))
    db.session.flush()
    slugs = [row["slug"] for row in STANDARD_TERMS]
    return list(db.session.scalars(select(Terms).where(Terms.slug.in_(slugs), Terms.current)))
