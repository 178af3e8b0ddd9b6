"""Markup kept in the process under a key made of everything it shows.

A piece of a page that shows nothing personal (an idea card, a comment's
name line and text) is rendered once per content and language and kept:
the key holds every value the markup shows, so a change anywhere gives a
new key and the next page renders it afresh — never stale, and nothing to
invalidate. The oldest entries go first when the store is full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import current_app
from markupsafe import Markup


class KeptMarkup:
    """``render(key, *args)`` calls the macro ``macro`` of the template
    ``template`` with ``args`` the first time a key is seen, and returns the
    kept markup for it afterwards."""

    def __init__(self, template: str, macro: str, most: int) -> None:
        self.template, self.macro, self.most = template, macro, most
        self._kept: dict[Hashable, Markup] = {}

    def _macro(self) -> Callable[..., Markup]:
        module = current_app.jinja_env.get_template(self.template).module
        return getattr(module, self.macro)

    def render(self, key: Hashable, *args: object) -> Markup:
        markup = self._kept.get(key)
        if markup is None:
            markup = self._macro()(*args)  # Markup: the template escaped it
            if len(self._kept) >= self.most:
                self._kept.pop(next(iter(self._kept)), None)
            self._kept[key] = markup
        return markup

    def clear(self) -> None:
        self._kept.clear()
