"""``flask`` commands for set-up and operations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.accounts.models import Role
from portal.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")
demo_cli = AppGroup("demo", help="Demo content.")
translations_cli = AppGroup("translations", help="Translation catalogues.")
outbox_cli = AppGroup("outbox", help="The e-mail outbox.")
digests_cli = AppGroup("digests", help="Daily and weekly digests.")
challenges_cli = AppGroup("challenges", help="Open calls (challenges).")
nominations_cli = AppGroup("nominations", help="Nominated experts (pyramiding).")
reports_cli = AppGroup("reports", help="Printed reports.")
pages_cli = AppGroup("pages", help="The page cache of visitors' pages.")
audit_cli = AppGroup("audit", help="The moderation log's chain of fingerprints.")
photos_cli = AppGroup("photos", help="Photos on ideas.")


@photos_cli.command("clean")
def photos_clean() -> None:
    """Delete photos uploaded with an idea form that was never sent, a day
    later, with their files (run it daily; safe to repeat and on several nodes)."""
    from portal.photos.services import remove_unattached

    removed = remove_unattached()
    db.session.commit()
    click.echo(f"{removed} photo(s) nobody attached deleted")


@nominations_cli.command("expire")
def nominations_expire() -> None:
    """Erase the addresses of nominees who have not answered their invitation
    within NOMINATION_EXPIRY_DAYS (run it daily from cron; safe to repeat)."""
    from portal.nominations.answers import expire

    erased = expire()
    db.session.commit()
    click.echo(f"{erased} addresses erased")


@nominations_cli.command("summarise")
def nominations_summarise() -> None:
    """Mail each open call's owners the nominations that came in since the
    last summary (run it once a day from cron; safe to repeat)."""
    from portal.nominations.notices import summarise

    written = summarise()
    db.session.commit()
    click.echo(f"{written} summaries written")


@challenges_cli.command("advance")
def challenges_advance() -> None:
    """Open scheduled challenges whose day has come, close those past their
    deadline and remind juries whose results are due soon (run it every few
    minutes from cron or a timer; safe to repeat and on several nodes at once)."""
    from portal.challenges.services import advance

    moved = advance()
    db.session.commit()
    click.echo(
        f"opened {len(moved.opened)}, closed for answers {len(moved.closed)},"
        f" jury reminded for {len(moved.reminded)}"
    )


@digests_cli.command("build")
@click.option("--period", type=click.Choice(["daily", "weekly"]), required=True)
def digests_build(period: str) -> None:
    """Write this period's digests to the outbox (run daily / weekly from cron)."""
    from portal.notifications.digests import build_digests
    from portal.notifications.models import Delivery

    report = build_digests(Delivery(period))
    click.echo(f"{report.written} digests written, {report.nothing_new} with nothing new")


@outbox_cli.command("send")
@click.option("--limit", default=500, show_default=True, help="Most messages in one run.")
def outbox_send(limit: int) -> None:
    """Send the queued e-mails over SMTP (run it every minute from cron or a timer)."""
    from flask import current_app

    from portal.mail_sending import send_pending

    if not current_app.config["SMTP_HOST"]:
        raise click.ClickException("SMTP_HOST is not set: nothing can be sent.")
    report = send_pending(limit)
    click.echo(
        f"sent {report.sent}, retry later {report.retried}, failed {report.failed}, "
        f"interrupted {report.interrupted}, withdrawn {report.withdrawn}"
    )
    if report.smtp_down:
        # Non-zero, so a timer or monitoring sees that nothing could be sent.
        raise click.ClickException("the SMTP server cannot be reached; the mails stay queued")


@users_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True, help="The name shown on the portal.")
@click.password_option()
def create_admin(email: str, display_name: str, password: str) -> None:
    """Create a verified admin account (first set-up of a deployment). The
    name, address and password must pass the registration form's checks."""
    from flask import current_app
    from werkzeug.datastructures import MultiDict

    from portal.accounts import services
    from portal.accounts.forms import RegisterForm

    fields = {"display_name": display_name, "email": email}
    data = MultiDict({**fields, "password": password, "password_confirm": password})
    with current_app.test_request_context(), force_locale("en"):
        form = RegisterForm(formdata=data, meta={"csrf": False})
        if not form.validate():
            problems = "; ".join(
                f"{name}: {' '.join(map(str, errors))}" for name, errors in form.errors.items()
            )
            raise click.ClickException(problems)
    if services.find_by_email(form.email.data):
        raise click.ClickException(f"{email} already has an account; use 'flask users set-role'.")
    services.create_user(
        form.display_name.data, form.email.data, password, role=Role.ADMIN, verified=True
    )
    db.session.commit()
    click.echo(f"Created admin {form.email.data}.")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@click.option("--department", help="Short name of the department (required for officials).")
def set_role(email: str, role: str, department: str | None) -> None:
    """Give an existing account another role."""
    from sqlalchemy import select

    from portal.accounts import services
    from portal.admin.services import AdminError
    from portal.admin.services import set_role as save_role
    from portal.municipality.models import Department

    user = services.find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account with e-mail {email}.")
    chosen = None
    if department:
        chosen = db.session.scalar(select(Department).where(Department.slug == department))
        if chosen is None:
            raise click.ClickException(f"No department with the short name {department}.")
    try:
        save_role(None, user, Role(role), chosen)
    except AdminError as error:
        raise click.ClickException("An official needs --department.") from error
    db.session.commit()
    click.echo(f"{email} is now {role}" + (f" in {chosen.slug}." if chosen else "."))


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demo municipality (does nothing when it is already there)."""
    from portal.demo.loader import load_demo

    click.echo("Demo content loaded." if load_demo() else "Demo content already present.")


@translations_cli.command("compile")
def translations_compile() -> None:
    """Compile the .po catalogues into .mo files."""
    root = Path(__file__).resolve().parent.parent / "translations"
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "compile",
            "-d",
            str(root),
            "--statistics",
        ],
        check=True,
    )


@reports_cli.command("warm")
def reports_warm() -> None:
    """Render the report PDFs of published meetings (last 31 days and to come) in every
    language, so the first download is served from the cache (run every few minutes)."""
    from portal.reports.warm import warm_meeting_reports

    result = warm_meeting_reports()
    if result.skipped:
        click.echo("another node is warming the reports")
        return
    click.echo(f"{result.reports} reports ready, {result.rendered} of them rendered now")


@pages_cli.command("expire")
def pages_expire() -> None:
    """Make every node render visitors' pages anew: after a restore, or a change
    made in the database by hand (psql), which the portal cannot notice."""
    from portal import pagecache

    pagecache.expire_all()
    click.echo(f"visitors' pages expired on every node (content version {pagecache.version()})")


@audit_cli.command("verify")
@click.option(
    "--published",
    multiple=True,
    metavar="ENTRY:FINGERPRINT",
    help="A fingerprint published earlier (e.g. printed in a meeting report) to check too.",
)
def audit_verify(published: tuple[str, ...]) -> None:
    """Walk the moderation log's hash chain from its first entry and name the
    first entry that does not match (exit status 1), or print the head to
    publish (exit status 0)."""
    from portal.moderation.chain import PROBLEMS, digest_at, verify

    verdict = verify()
    if verdict.broken:
        broken = verdict.broken
        where = f"entry {broken.seq} of the chain"
        if broken.entry_id is not None:
            written = f"{broken.created_at:%Y-%m-%d %H:%M:%S} UTC"
            where += f" (row id {broken.entry_id}, written {written})"
        click.echo(f"The moderation log does not hold at {where}: {PROBLEMS[broken.problem]}.")
        click.echo(f"{verdict.entries} entries before it hold.")
        sys.exit(1)
    click.echo(f"The moderation log holds: {verdict.entries} entries, every one chained.")
    click.echo(f"Head: entry {verdict.head.seq}, fingerprint {verdict.head.digest}")
    mismatched = 0
    for claim in published:
        seq, _sep, fingerprint = claim.partition(":")
        if not seq.isdigit() or len(fingerprint) != 64:
            raise click.BadParameter(
                f"{claim!r} is not ENTRY:FINGERPRINT", param_hint="--published"
            )
        if digest_at(int(seq)) == fingerprint.lower():
            click.echo(f"Entry {seq} carries the published fingerprint.")
        else:
            click.echo(
                f"Entry {seq} does not carry the published fingerprint: the log was rewritten."
            )
            mismatched += 1
    if mismatched:
        sys.exit(1)


def init_app(app: Flask) -> None:
    for group in (
        users_cli, demo_cli, translations_cli, outbox_cli, digests_cli, challenges_cli,
        nominations_cli, reports_cli, pages_cli, audit_cli, photos_cli,
    ):  # fmt: skip
        app.cli.add_command(group)
