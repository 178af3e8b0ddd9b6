"""Loading a version for a request: 404 unless its idea may be seen."""

from __future__ import annotations

from flask import abort

from portal.extensions import db
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea
from portal.versions.models import Revision


def load_revision(revision_id: int) -> tuple[Revision, Idea]:
    """The version and the idea whose history shows it, or 404."""
    revision = db.session.get(Revision, revision_id)
    if revision is None:
        abort(404)
    return revision, load_idea(revision.idea_id)
