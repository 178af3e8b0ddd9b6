from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import select

from portal import permissions
from portal.extensions import db
from portal.mail import OutboxMessage, OutboxStatus
from portal.urls import page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")

OUTBOX_PER_PAGE = 50


@bp.route("/outbox")
def outbox():
    """Every mail the portal wrote, newest first (where mails are read in development)."""
    permissions.require(permissions.can_view_outbox(current_user))
    status = request.args.get("status")
    stmt = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status in set(OutboxStatus):
        stmt = stmt.where(OutboxMessage.status == status)
    pagination = db.paginate(stmt, page=page_number(), per_page=OUTBOX_PER_PAGE)
    return render_template(
        "admin/outbox.html", pagination=pagination, status=status, statuses=list(OutboxStatus)
    )
