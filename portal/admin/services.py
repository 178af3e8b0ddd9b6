"""What admins change: roles, departments, categories, areas, settings. Logged."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal import settings
from portal.accounts.models import Role, User
from portal.areas.models import Area
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas.models import Category
from portal.moderation import chain
from portal.moderation.models import CannedReason, LogEntry
from portal.moderation.services import log
from portal.municipality.models import Department


class AdminError(DomainError):
    messages = {
        "department required": _l("An official needs a department."),
        "own role": _l("You cannot take away your own administrator role."),
        "slug taken": _l("That short name is already in use."),
    }


def set_role(admin: User | None, user: User, role: Role, department: Department | None) -> bool:
    """Give a user a role (an official needs a department). False when
    nothing changed. Also used by ``flask users set-role``."""
    if role == Role.OFFICIAL and department is None:
        raise AdminError("department required")
    if admin is not None and user.id == admin.id and role != Role.ADMIN:
        raise AdminError("own role")
    department_id = department.id if role == Role.OFFICIAL and department else None
    if user.role == role and user.department_id == department_id:
        return False
    changes = {"role_from": user.role, "role_to": role.value}
    if user.department_id:
        changes["department_from"] = user.department_id
    if department_id:
        changes["department_to"] = department_id
    user.role, user.department_id = role, department_id
    log(admin, "role", user, **changes)
    return True


NAME_FIELDS = ("slug", "name_da", "name_nb", "name_nl", "name_en")


def save_named(admin: User, item: Department | Category | Area, values: dict[str, object]) -> None:
    """Create or edit a department, category or area; slugs are unique."""
    model = type(item)
    taken = db.session.scalar(
        select(model.id).where(model.slug == values["slug"], model.id != (item.id or 0))
    )
    if taken is not None:
        raise AdminError("slug taken")
    created = item.id is None
    for key, value in values.items():
        setattr(item, key, value)
    if created:
        db.session.add(item)
    db.session.flush()
    log(admin, f"{model.__tablename__}_{'created' if created else 'edited'}", item)


CANNED_FIELDS = ("position", "text_en", "text_da", "text_nb", "text_nl")


def save_canned_reason(admin: User, reason: CannedReason, values: dict[str, object]) -> None:
    """Add or edit a standard reason (logged)."""
    created = reason.id is None
    for key in CANNED_FIELDS:
        setattr(reason, key, values[key])
    if created:
        db.session.add(reason)
    db.session.flush()
    log(admin, f"canned_reason_{'created' if created else 'edited'}", reason)


def delete_canned_reason(admin: User, reason: CannedReason) -> None:
    """What was hidden with it keeps its words: they were copied."""
    log(admin, "canned_reason_deleted", reason)
    db.session.delete(reason)


def save_settings(admin: User, values: dict[str, object]) -> int:
    changed = settings.save(values)
    for key, (old, new) in changed.items():
        chain.append(
            LogEntry(
                actor_id=admin.id,
                action="settings",
                target_type="setting",
                target_id=0,
                details=json.dumps({"setting": key, "from": str(old), "to": str(new)}),
            )
        )
    return len(changed)
