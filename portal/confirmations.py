"""Confirmations shown where the person is looking.

After commenting, supporting or reporting, the page opens at the item, so
a message at the top of the page would be scrolled away. ``flash_at``
flashes a message for one element of the next page (``comment-12``,
``support``…) and gives the address fragment to redirect to: the element's
template shows it there (``confirmations_at``) with ``id="confirmation"``,
focusable, so the browser scrolls to it and moves the focus there (screen
readers read it). A page that did not show it shows it at the end
(``unshown_confirmations``), so no message is ever lost.
"""

from __future__ import annotations

from flask import Flask, flash, g, get_flashed_messages

TARGET_ID = "confirmation"  # the fragment the redirect goes to
_MARK = " at:"


def flash_at(anchor: str, message: str, category: str = "success") -> str:
    """Flash ``message`` next to the element ``anchor``; returns the fragment."""
    flash(message, f"{category}{_MARK}{anchor}")
    return TARGET_ID


def _split(category: str) -> tuple[str, str | None]:
    kind, _sep, anchor = category.partition(_MARK)
    return kind, anchor or None


def page_flashes() -> list[tuple[str, str]]:
    """Messages for the top of the page: those not meant for an element."""
    return [
        (category, message)
        for category, message in get_flashed_messages(with_categories=True)
        if _split(category)[1] is None
    ]


def confirmations_at(anchor: str) -> list[tuple[str, str]]:
    """Messages for the element ``anchor``, as (category, message); marks them shown."""
    found = [
        (_split(category)[0], message)
        for category, message in get_flashed_messages(with_categories=True)
        if _split(category)[1] == anchor
    ]
    if found:
        g.setdefault("confirmed_anchors", set()).add(anchor)
    return found


def unshown_confirmations() -> list[tuple[str, str]]:
    """Messages meant for an element this page did not show."""
    shown = g.get("confirmed_anchors", set())
    return [
        (kind, message)
        for category, message in get_flashed_messages(with_categories=True)
        for kind, anchor in [_split(category)]
        if anchor is not None and anchor not in shown
    ]


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        page_flashes=page_flashes,
        confirmations_at=confirmations_at,
        unshown_confirmations=unshown_confirmations,
        confirmation_target=TARGET_ID,
    )
