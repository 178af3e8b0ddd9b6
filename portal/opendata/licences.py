"""The licence the open data is published under: an admin setting
(``OPEN_DATA_LICENCE`` is the default, CC BY 4.0)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal import settings


class Licence(StrEnum):
    CC_BY = "cc-by-4.0"
    CC0 = "cc0-1.0"
    CC_BY_SA = "cc-by-sa-4.0"
    NLOD = "nlod-2.0"


@dataclass(frozen=True)
class Terms:
    name: str  # as licences are named everywhere
    url: str  # the licence's own page, also its identifier in the catalogue
    summary: object  # what it allows, in the reader's language


TERMS = {
    Licence.CC_BY: Terms(
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        _l("Anyone may reuse the data for any purpose, naming the municipality as the source."),
    ),
    Licence.CC0: Terms(
        "CC0 1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        _l("Anyone may reuse the data for any purpose, without conditions."),
    ),
    Licence.CC_BY_SA: Terms(
        "CC BY-SA 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        _l(
            "Anyone may reuse the data, naming the municipality as the source and sharing "
            "what they make from it under the same licence."
        ),
    ),
    Licence.NLOD: Terms(
        "NLOD 2.0",
        "https://data.norge.no/nlod/en/2.0",
        _l("The Norwegian licence for open government data: reuse naming the source."),
    ),
}

settings.define(
    "open_data_licence",
    "OPEN_DATA_LICENCE",
    Licence,
    _l("Licence of the open data"),
    values={
        licence: _l("%(licence)s: %(summary)s", licence=terms.name, summary=terms.summary)
        for licence, terms in TERMS.items()
    },
)


def current() -> Terms:
    return TERMS[settings.get("open_data_licence")]
