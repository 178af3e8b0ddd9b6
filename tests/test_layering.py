"""The import rules of docs/ARCHITECTURE.md, read from the source with ``ast``:
core modules know no domain, and no view module imports another's views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[1] / "portal"
CORE = (
    "extensions", "sanitize", "i18n", "mail", "errors", "settings", "pagination", "ratelimit",
    "timeutil", "urls", "validators", "templating", "security", "database", "confirmations",
    "forms", "hooks", "mail_sending", "logs", "metrics", "pagecache", "fingerprints", "kept",
    "suppression", "sharing",
)  # fmt: skip
DOMAINS = sorted(p.name for p in PORTAL.iterdir() if (p / "__init__.py").exists())


def _package_of(path: Path) -> list[str]:
    """``portal/ideas/views.py`` lives in the package ``portal.ideas``."""
    parts = path.resolve().relative_to(PORTAL.parent).with_suffix("").parts
    return list(parts if path.name == "__init__.py" else parts[:-1])


def imports_of(path: Path, package: list[str] | None = None) -> list[tuple[int, str]]:
    """Every module ``path`` imports (at any depth: lazy imports count), as
    (line, dotted name); ``from portal.x import y`` also names ``portal.x.y``,
    and relative imports (``from ..ideas import views``) are resolved against
    the module's package."""
    package = _package_of(path) if package is None else package
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _domain_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "portal" and parts[1] in DOMAINS else None


def test_the_rules_see_the_tree():
    assert {"ideas", "accounts", "moderation", "municipality"} <= set(DOMAINS)
    for name in CORE:
        assert (PORTAL / f"{name}.py").exists(), name


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_no_domain(module):
    path = PORTAL / f"{module}.py"
    offending = [
        f"portal/{module}.py:{line} imports {name}"
        for line, name in imports_of(path)
        if _domain_of(name)
    ]
    assert offending == []


def test_no_view_module_imports_another_packages_views():
    offending = []
    # views.py and the modules beside it that add routes (jury_views.py).
    for path in sorted(PORTAL.glob("*/*views.py")):
        own = path.parent.name
        for line, name in imports_of(path):
            parts = name.split(".")
            if (
                parts[:1] == ["portal"]
                and len(parts) > 2
                and parts[2].endswith("views")
                and parts[1] != own
            ):
                offending.append(f"portal/{own}/{path.name}:{line} imports {name}")
    assert offending == []


def test_the_rule_would_catch_an_offender(tmp_path):
    """The walker finds lazy imports and ``from`` imports of names."""
    source = tmp_path / "example.py"
    source.write_text(
        "from portal.ideas import views\n"
        "def later():\n"
        "    from portal.accounts.models import User\n"
    )
    names = {name for _line, name in imports_of(source, package=["portal"])}
    assert "portal.ideas.views" in names
    assert _domain_of("portal.accounts.models.User") == "accounts"


def test_relative_imports_are_resolved(tmp_path):
    source = tmp_path / "example.py"
    source.write_text(
        "from .ideas.models import Idea\nfrom ..ideas import views\nfrom . import x\n"
    )
    in_core = {name for _line, name in imports_of(source, package=["portal"])}
    assert {"portal.ideas.models", "portal.ideas.models.Idea", "portal.x"} <= in_core
    in_domain = {name for _line, name in imports_of(source, package=["portal", "comments"])}
    assert "portal.ideas.views" in in_domain


# The first path segment names the area and so the blueprint (rule 3 of
# docs/ARCHITECTURE.md) ...
AREAS = {
    "": "site", "language": "site", "healthz": "site", "metrics": "site", "static": "static",
    "ideas": "ideas", "comments": "comments", "moderation": "moderation",
    "municipality": "municipality", "meetings": "municipality", "challenges": "challenges",
    "feeds": "feeds", "reports": "reports", "admin": "admin", "account": "accounts",
    "privacy": "privacy", "unsubscribe": "notifications", "open-data": "opendata",
    "people": "profiles", "photos": "photos",
}  # fmt: skip
# ... except an action one domain takes on another's item, named by its last
# segment: it lives with the domain that acts.
ACTIONS = {
    ("ideas", "comments"): "comments",
    ("ideas", "history"): "versions",
    ("ideas", "support"): "supports",
    ("ideas", "unsupport"): "supports",
    ("ideas", "flag"): "moderation",
    ("ideas", "follow"): "notifications",
    ("categories", "follow"): "notifications",
    ("areas", "follow"): "notifications",
    ("challenges", "follow"): "notifications",
    ("ideas", "answer"): "municipality",
    ("ideas", "thanks"): "municipality",
    ("meetings", "report"): "reports",
    ("challenges", "report"): "reports",
    ("challenges", "nominations"): "nominations",
    ("challenges", "pyramid"): "nominations",
    ("challenges", "nominate"): "nominations",
    ("challenges", "nominated"): "nominations",
    ("challenges", "invite"): "nominations",
    ("account", "data"): "privacy",
    ("account", "delete"): "privacy",
    ("account", "notifications"): "notifications",
    ("account", "activity"): "profiles",
}


def _segment(part: str) -> str:
    """``<any(follow, unfollow):action>`` stands for its first word; a file
    suffix (``report.pdf``) is not part of the name."""
    if part.startswith("<any("):
        return part[5:].split(",")[0].split(")")[0].strip()
    return part.split(".")[0]


def blueprint_for(rule: str) -> str:
    parts = [p for p in rule.strip("/").split("/") if p]
    if not parts:
        return AREAS[""]
    words = [_segment(p) for p in parts if not p.startswith("<") or p.startswith("<any(")]
    area, verb = words[0], words[-1]
    return ACTIONS.get((area, verb)) or AREAS[area]


def test_the_url_names_the_file(app):
    wrong = [
        f"{rule.rule} is served by {rule.endpoint}, expected {blueprint_for(rule.rule)}/views.py"
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] != blueprint_for(rule.rule)
    ]
    assert wrong == []


def test_the_url_rule_reads_prefixes_and_actions():
    assert blueprint_for("/moderation/ideas/<id:idea_id>/hand-over") == "moderation"
    assert blueprint_for("/ideas/<id:idea_id>/comments") == "comments"
    assert blueprint_for("/ideas/<id:idea_id>/edit") == "ideas"
    assert blueprint_for("/<any(ideas, comments):kind>/<id:target_id>/flag") == "moderation"
    assert blueprint_for("/meetings/<id:meeting_id>/report.pdf") == "reports"
    assert blueprint_for("/challenges/<id:c>/<any(open, close):action>") == "challenges"


# The size rule of docs/ARCHITECTURE.md: a module that grows past this is
# split by subject beside it; a view that grows past this hands work to a
# form, a loader or a service.
MODULE_LINES = 400
VIEW_LINES = 30
LONG_ALLOWED = ("portal/demo/",)  # demo content is data


def test_no_module_is_too_long():
    long = [
        f"{path.relative_to(PORTAL.parent)}: {n} lines"
        for path in sorted(PORTAL.rglob("*.py"))
        if (n := len(path.read_text().splitlines())) > MODULE_LINES
        and not str(path.relative_to(PORTAL.parent)).startswith(LONG_ALLOWED)
    ]
    assert long == []


def test_no_view_function_is_too_long():
    long = [
        f"{path.relative_to(PORTAL.parent)}:{node.lineno} {node.name}: {length} lines"
        for path in sorted(PORTAL.rglob("*views.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        and (length := node.end_lineno - node.lineno + 1) > VIEW_LINES  # type: ignore[operator]
    ]
    assert long == []


def test_visibility_is_asked_of_the_models():
    """ "Not hidden" is an expression on the model (``Idea.visible``,
    ``Idea.public``, ``Comment.public``, ``Nomination.visible``), never
    spelled out again in a query."""
    spelled = [
        f"{path.relative_to(PORTAL.parent)}:{number}"
        for path in sorted(PORTAL.rglob("*.py"))
        if path.name != "models.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "hidden_at.is_(None)" in line
    ]
    assert spelled == []
