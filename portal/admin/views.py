from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select

from portal import mail_sending, permissions, settings
from portal.accounts.models import Role, User
from portal.admin import services
from portal.admin.forms import (
    ROLE_LABELS,
    AreaForm,
    CannedReasonForm,
    CategoryForm,
    NamesForm,
    RoleForm,
    settings_form,
)
from portal.admin.services import AdminError
from portal.areas.models import Area
from portal.errors import carried_out
from portal.extensions import db
from portal.forms import ActionForm, form_status
from portal.ideas.models import Category
from portal.mail import STATUS_LABELS, WITHDRAWN_REASONS, OutboxMessage, OutboxStatus
from portal.moderation import queries as moderation_queries
from portal.moderation.models import CannedReason
from portal.municipality.models import Department
from portal.municipality.queries import departments as all_departments
from portal.pagination import paginate
from portal.urls import page_number

bp = Blueprint("admin", __name__, url_prefix="/admin")

OUTBOX_PER_PAGE = 50
USERS_PER_PAGE = 50


@bp.before_request
def _admins_only() -> None:
    if request.endpoint in ("admin.outbox", "admin.requeue"):
        permissions.require(permissions.can_view_outbox(current_user))
    else:
        permissions.require(permissions.can_administer(current_user))


@bp.app_context_processor
def _labels() -> dict:
    return {"role_labels": ROLE_LABELS, "first_steps": _first_steps}


FIRST_STEPS = {
    "categories": _l(
        "Nobody can post an idea yet: the portal has no categories. Create the first ones."
    ),
    "departments": _l(
        "Moderators cannot hand ideas over yet: the portal has no departments. "
        "Create the municipality's departments."
    ),
}


def _first_steps() -> list[tuple[str, str]]:
    """What a fresh installation still lacks before citizens can use it, as
    (message, link), on the front page and the admin pages for an admin;
    nothing, and no query, anywhere else and for anyone else."""
    where = request.endpoint == "site.index" or request.blueprint == "admin"
    if not where or not permissions.can_administer(current_user):
        return []
    missing = db.session.execute(
        select(
            ~select(Category.id).exists(),
            ~select(Department.id).exists(),
        )
    ).one()
    return [
        (str(FIRST_STEPS[kind]), url_for("admin.named_list", kind=kind))
        for kind, lacking in zip(("categories", "departments"), missing, strict=True)
        if lacking
    ]


@bp.route("/outbox")
def outbox():
    """Every mail the portal wrote, newest first (where mails are read in development)."""
    status = request.args.get("status")
    stmt = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status in set(OutboxStatus):
        stmt = stmt.where(OutboxMessage.status == status)
    pagination = db.paginate(stmt, page=page_number(), per_page=OUTBOX_PER_PAGE)
    failed = db.session.scalar(
        select(func.count()).where(OutboxMessage.status == OutboxStatus.FAILED)
    )
    return render_template(
        "admin/outbox.html",
        pagination=pagination,
        status=status,
        statuses=list(OutboxStatus),
        status_labels=STATUS_LABELS,
        failed=failed,
        withdrawn_reasons=WITHDRAWN_REASONS,
    )


@bp.route("/outbox/<id:message_id>/requeue", methods=["POST"])
def requeue(message_id: int):
    """Send a failed mail again (after the address or the relay was fixed)."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    if ActionForm().validate_on_submit() and message.status == OutboxStatus.FAILED:
        mail_sending.requeue(message)
        db.session.commit()
        flash(_("The e-mail is queued again."), "success")
    return redirect(url_for("admin.outbox", status="failed"))


@bp.route("/users")
def users():
    query = (request.args.get("q") or "").strip()[:100]
    role = request.args.get("role")
    conditions = []
    if query:
        pattern = "%" + query.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        conditions.append(
            or_(func.lower(User.display_name).like(pattern), User.email.like(pattern))
        )
    if role in set(Role):
        conditions.append(User.role == role)
    total = db.session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    stmt = select(User).where(*conditions).order_by(User.display_name, User.id)
    pagination = paginate(stmt, page_number(), USERS_PER_PAGE, total)
    return render_template(
        "admin/users.html",
        pagination=pagination,
        query=query,
        role=role if role in set(Role) else None,
        departments={d.id: d for d in all_departments()},
    )


@bp.route("/users/<id:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    account = db.session.get(User, user_id)
    if account is None:
        abort(404)
    form = RoleForm(account=account)
    if form.validate_on_submit():
        with carried_out(field=form.role) as done:
            changed = services.set_role(
                current_user, account, Role(form.role.data), form.department.chosen
            )
        if done:
            flash(_("Saved.") if changed else _("Nothing changed."), "success")
            return redirect(url_for("admin.user", user_id=account.id))
    code = form_status(form)
    return render_template("admin/user.html", form=form, account=account), code


_NAMED = {
    "departments": (Department, NamesForm, _l("Departments")),
    "categories": (Category, CategoryForm, _l("Categories")),
    "areas": (Area, AreaForm, _l("Areas")),
}


def _named_list(kind: str):  # type: ignore[no-untyped-def]
    model = _NAMED[kind][0]
    order = (model.name_en,) if model is Department else (model.position, model.id)
    return list(db.session.scalars(select(model).order_by(*order)))


@bp.route("/<any(departments, categories, areas):kind>/", methods=["GET", "POST"])
def named_list(kind: str):
    """The list of departments, categories or areas, with a form to add one."""
    model, form_class, title = _NAMED[kind]
    form = form_class()
    if form.validate_on_submit():
        item = model()
        if _save_named(item, form):
            flash(_("Saved."), "success")
            return redirect(url_for("admin.named_list", kind=kind))
    code = form_status(form)
    return render_template(
        "admin/named_list.html", kind=kind, title=title, items=_named_list(kind), form=form
    ), code


@bp.route("/<any(departments, categories, areas):kind>/<id:item_id>", methods=["GET", "POST"])
def named_edit(kind: str, item_id: int):
    model, form_class, title = _NAMED[kind]
    item = db.session.get(model, item_id)
    if item is None:
        abort(404)
    form = form_class(obj=item)
    if form.validate_on_submit() and _save_named(item, form):
        flash(_("Saved."), "success")
        return redirect(url_for("admin.named_list", kind=kind))
    code = form_status(form)
    return render_template(
        "admin/named_edit.html", kind=kind, title=title, item=item, form=form
    ), code


def _save_named(item: Department | Category | Area, form: NamesForm) -> bool:
    values = {name: form[name].data for name in services.NAME_FIELDS}
    if "position" in form:
        values["position"] = form.position.data
    try:
        services.save_named(current_user, item, values)
    except AdminError as error:
        form.slug.errors = [error.message]
        db.session.rollback()
        return False
    db.session.commit()
    return True


@bp.route("/reasons/", methods=["GET", "POST"])
def canned_reasons():
    """The standard reasons moderators pick, with a form to add one."""
    form = CannedReasonForm()
    if form.validate_on_submit():
        services.save_canned_reason(current_user, CannedReason(), form.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("admin.canned_reasons"))
    return render_template(
        "admin/reasons.html", form=form, reasons=moderation_queries.canned_reasons()
    ), form_status(form)


@bp.route("/reasons/<id:reason_id>", methods=["GET", "POST"])
def canned_reason(reason_id: int):
    reason = db.session.get(CannedReason, reason_id) or abort(404)
    form = CannedReasonForm(obj=reason)
    if form.validate_on_submit():
        services.save_canned_reason(current_user, reason, form.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("admin.canned_reasons"))
    return render_template(
        "admin/reason_edit.html", form=form, reason=reason, delete_form=ActionForm()
    ), form_status(form)


@bp.route("/reasons/<id:reason_id>/delete", methods=["POST"])
def delete_canned_reason(reason_id: int):
    reason = db.session.get(CannedReason, reason_id) or abort(404)
    if ActionForm().validate_on_submit():
        services.delete_canned_reason(current_user, reason)
        db.session.commit()
        flash(_("The standard reason is deleted."), "success")
    return redirect(url_for("admin.canned_reasons"))


@bp.route("/settings", methods=["GET", "POST"])
def site_settings():
    form = settings_form()
    definitions = settings.DEFINITIONS
    if not form.is_submitted():
        for key, definition in definitions.items():
            form[key].data = definition.to_form(settings.get(key))
    if form.validate_on_submit():
        changed = services.save_settings(
            current_user, {key: d.from_form(form[key].data) for key, d in definitions.items()}
        )
        db.session.commit()
        flash(_("Saved.") if changed else _("Nothing changed."), "success")
        return redirect(url_for("admin.site_settings"))
    code = form_status(form)
    return render_template("admin/settings.html", form=form), code
