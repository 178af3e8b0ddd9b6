"""A comment's name line and text, rendered once per content and language
(the reader's actions around it are rendered for each reader): a debate
of twenty comments re-renders only the comment that changed."""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup

from portal.comments.models import Comment
from portal.i18n import locale_code
from portal.kept import KeptMarkup

TEXTS = KeptMarkup("_macros/comments.html", "comment_text_markup", most=20_000)


def comment_text(comment: Comment) -> Markup:
    hidden = comment.is_hidden
    key = (  # every value the markup shows, the reader's language and the clock's zone
        locale_code(), current_app.config["BABEL_DEFAULT_TIMEZONE"], comment.id,
        comment.author.display_name, comment.created_at, comment.edited_at is not None,
        hidden, None if hidden else comment.body_html,
    )  # fmt: skip
    return TEXTS.render(key, comment)
