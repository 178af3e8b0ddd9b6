"""Templates say each sentence as one translatable string.

A sentence built from pieces ("3" + " supporters", "Idea" ~ " #" ~ id) reads
wrongly in some language; translators must see the whole sentence with
named placeholders. These tests read every template and fail on the
patterns that give such pieces away.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_CALL = r"(?:_|gettext|ngettext|pgettext|npgettext)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)"
_TRANSLATED = r"\{\{-?\s*" + _CALL + r"\s*(?:\|\s*\w+\s*)*-?\}\}"
_EXPRESSION = r"\{\{-?(?:(?!\}\}).)*?-?\}\}"
# What may stand between two pieces of one sentence: a few characters of
# punctuation or a word, an entity (&nbsp;) and inline markup (<strong>),
# but no block markup and no blank line.
_INLINE = r"</?(?:strong|em|b|i|span|a|time|code|abbr|small|mark)\b[^<>{}]*>"
_GAP = r"[ \t]*\n?[ \t]*"
_BETWEEN = (
    "("
    + _GAP
    + "(?:(?:"
    + _INLINE
    + r"|&\w+;|&#\d+;)"
    + _GAP
    + "){0,3}"
    + r"[^\s<>{}&]{0,3}"
    + _GAP
    + "(?:(?:"
    + _INLINE
    + ")"
    + _GAP
    + "){0,3})"
)
_STRING = re.compile(r"""(['"])((?:\\.|(?!\1).)*)\1""")
_CONCATENATED = re.compile(
    r"(?:_|gettext|ngettext|pgettext|npgettext)\((?:[^()]|\([^()]*\))*\)\s*~"
    r"|~\s*(?:_|gettext|ngettext|pgettext|npgettext)\("
)

# Separators that list facts side by side ("by Anna · 3 supporters"), each
# fact a phrase of its own.
_LIST_SEPARATORS = ("·", "|")
# A translated piece that ends like this is a whole sentence, a label or a
# salutation; what follows it is a value or a new sentence.
_COMPLETE = (".", ":", "!", "?", ",", "”")


def _apart(between: str) -> bool:
    """What stands between two pieces keeps them apart: a list separator,
    punctuation that ends a label or a sentence, or one element closing and
    the next one opening (``</span> <span>``)."""
    if any(s in between for s in (*_LIST_SEPARATORS, ".", ":", "!", "?")):
        return True
    return re.search(r"</\w+[^<>]*>.*<\w", between, re.S) is not None


def _templates():
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}:
            yield path, path.read_text(encoding="utf-8")


def _messages(call: str) -> list[str]:
    """The English text(s) a gettext call passes, without the context."""
    strings = [
        m.group(2) for m in _STRING.finditer(call.split(",", 1)[0] + "," + call.split(",", 1)[-1])
    ]
    if call.lstrip("{ -").startswith(("pgettext", "npgettext")):
        strings = strings[1:]
    return strings[:2] if "ngettext" in call.split("(", 1)[0] else strings[:1]


def _where(path: Path, text: str, offset: int) -> str:
    return f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, offset) + 1}"


def _is_call(expression: str) -> bool:
    return re.match(r"\{\{-?\s*" + _CALL, expression) is not None


def _macros() -> set[str]:
    return {
        m.group(1)
        for _path, text in _templates()
        for m in re.finditer(r"\{%-?\s*macro\s+(\w+)\(", text)
    }


def _is_element(expression: str, macros: set[str]) -> bool:
    """A macro call renders an element of its own (a button, a badge), not
    a value inside a sentence."""
    m = re.match(r"\{\{-?\s*(\w+)\(", expression)
    return m is not None and m.group(1) in macros


def test_no_template_joins_translated_strings_with_tilde():
    found = [
        _where(path, text, m.start()) + " " + m.group(0)
        for path, text in _templates()
        for m in _CONCATENATED.finditer(text)
    ]
    assert not found, "translated strings joined with ~:\n" + "\n".join(found)


def joined_pieces(text: str, macros: set[str]) -> list[tuple[int, str]]:
    """Where a translated piece and a value are joined into one sentence
    ("{{ _('Posted by') }} <strong>{{ name }}</strong>"): (offset, text)."""
    found = []
    after = re.finditer("(" + _TRANSLATED + ")" + _BETWEEN + "(" + _EXPRESSION + ")", text, re.S)
    for m in after:
        piece, between, value = m.groups()
        if _is_element(value, macros) or _apart(between):
            continue
        if all(s.rstrip().endswith(_COMPLETE) for s in _messages(piece)):
            continue
        found.append((m.start(), m.group(0)))
    before = re.finditer("(" + _EXPRESSION + ")" + _BETWEEN + "(" + _TRANSLATED + ")", text, re.S)
    for m in before:
        value, between, piece = m.groups()
        if _is_call(value) or _is_element(value, macros) or _apart(between):
            continue
        # A capitalised piece that is a sentence of its own, or starts an
        # element of its own (a site name and its tagline).
        messages = _messages(piece)
        if all(s[:1].isupper() for s in messages) and (
            all(s.rstrip().endswith(_COMPLETE) for s in messages) or re.search(r"<\w", between)
        ):
            continue
        found.append((m.start(), m.group(0)))
    return found


def test_no_sentence_is_built_from_a_translated_piece_and_a_value():
    macros = _macros()
    found = [
        f"{_where(path, text, offset)}: {snippet!r}"
        for path, text in _templates()
        for offset, snippet in joined_pieces(text, macros)
    ]
    assert not found, (
        "a sentence is joined from a translated piece and a value; make it one "
        "string with a named placeholder:\n" + "\n".join(found)
    )


JOINED = [
    "{{ _('Posted by') }} <strong>{{ name }}</strong>",
    "{{ _('Idea') }}&nbsp;{{ id }}",
    "{{ _('Deadline') }} – {{ date }}",
    "{{ n|number }} {{ _('Supporters') }}",
    "{{ n|number }} <span>{{ _('supporters') }}</span>",
    "{{ _('by') }} {{ author }}",
    "{{ meeting.body }}, {{ _('on') }}",
]
APART = [
    "{{ _('Title:') }} {{ title }}",
    "{{ _('Edit') }}</a> <span class=\"hint\">{{ until }}</span>",
    "{{ author }} · {{ _('3 days ago') }}",
    "<dt>{{ _('Deadline') }}</dt><dd>{{ date }}</dd>",
    "{{ _('Show') }} <a href=\"{{ url }}\">",
    "{{ _('Welcome.') }} {{ name }}",
]


@pytest.mark.parametrize("sample", JOINED)
def test_the_rule_catches_joined_pieces(sample):
    assert joined_pieces(sample, set()), sample


@pytest.mark.parametrize("sample", APART)
def test_the_rule_leaves_separate_pieces(sample):
    assert joined_pieces(sample, set()) == [], sample


def test_a_count_is_inside_its_plural_string():
    """``{{ n }} {{ ngettext('supporter', 'supporters', n) }}``: the count
    belongs in the string (``%(num)s``), where each language places it."""
    found = []
    for path, text in _templates():
        for m in re.finditer(r"\bngettext\(" + r"(?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)", text):
            if not all("%(" in message for message in _messages(m.group(0))):
                found.append(f"{_where(path, text, m.start())}: {m.group(0)}")
    assert not found, "plural strings without their count:\n" + "\n".join(found)


def test_counts_are_formatted_for_the_reader():
    """``ngettext`` fills %(num)s with the bare count unless told otherwise;
    every count passes ``num=...|number`` so it reads 1.234 / 1 234."""
    found = []
    for path, text in _templates():
        # A count may be formatted first: {% set big %}<strong>{{ n|number }}</strong>{% endset %}
        formatted = set(
            re.findall(r"\{%-?\s*set\s+(\w+)\s*-?%\}(?:(?!endset).)*\|\s*number", text, re.S)
        )
        for m in re.finditer(r"\bngettext\(" + r"(?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)", text):
            call = m.group(0)
            given = re.search(r"\bnum=((?:[^,()]|\([^()]*\))*)", call)
            if "%(num)s" in call and not (
                given
                and (
                    "|" in given.group(1)
                    and "number" in given.group(1)
                    or given.group(1).strip() in formatted
                )
            ):
                found.append(f"{_where(path, text, m.start())}: {call}")
    assert not found, "counts without |number:\n" + "\n".join(found)


def test_python_code_joins_no_translated_pieces():
    """The same for Python: no translated string inside an f-string or
    glued to another with + (use one string with named placeholders)."""
    portal = TEMPLATES.parent / "portal"
    pieces = re.compile(
        r"""f["'][^"'\n]*\{\s*_l?\(|\b_l?\([^()]*\)\s*\+|\+\s*_l?\(|\bgettext\([^()]*\)\s*\+"""
    )
    found = [
        f"{path.relative_to(portal.parent)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for path in sorted(portal.rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for m in pieces.finditer(text)
    ]
    assert not found, "translated pieces joined in code:\n" + "\n".join(found)
