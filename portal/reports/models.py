from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class CachedReport(db.Model):
    """A finished report PDF under the hash of what shaped it (see ``cache``):
    in the database, so every node serves and forgets the same copies."""

    __tablename__ = "report_pdf"
    __table_args__ = (Index("ix_report_pdf_created", "created_at"), {"info": {"public": False}})

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
