"""Open data: the page and its dictionary, the datasets as CSV and JSON read
back strictly, what is left out, the neutralised cells, the validators, and
the DCAT-AP catalogue (validated against the DCAT-AP 3 shapes)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from portal import settings
from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import IdeaStatus
from portal.moderation import services as moderation
from portal.opendata.datasets import DATASETS
from tests.factories import make_area, make_category, make_comment, make_idea, make_user

SHAPES = Path(__file__).parent / "dcat-ap"


def _visit(app, path: str, **headers: str):  # type: ignore[no-untyped-def]
    return app.test_client().get(path, headers=headers)


def _csv(app, name: str) -> list[dict[str, str]]:
    """The CSV read back as strictly as a data tool reads it: UTF-8, one
    header row, every row exactly as many cells as the header (no ragged
    rows), CRLF line ends."""
    response = _visit(app, f"/open-data/{name}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    raw = response.get_data()
    text = raw.decode("utf-8")  # fails on anything but UTF-8
    assert not text.startswith("\ufeff")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # every record ends in CRLF
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header, *records = list(reader)
    assert header == [f.name for f in _dataset(name).fields]
    assert all(len(record) == len(header) for record in records)
    return [dict(zip(header, record, strict=True)) for record in records]


def _json(app, name: str) -> list[dict]:
    response = _visit(app, f"/open-data/{name}.json")
    assert response.mimetype == "application/json"
    rows = json.loads(response.get_data())
    assert all(list(row) == [f.name for f in _dataset(name).fields] for row in rows)
    return rows


def _dataset(name: str):  # type: ignore[no-untyped-def]
    return next(d for d in DATASETS if d.name == name)


def test_the_page_lists_every_dataset_with_its_dictionary_and_licence(app):
    page = _visit(app, "/open-data/").get_data(as_text=True)
    for dataset in DATASETS:
        assert f'href="/open-data/{dataset.name}.csv"' in page
        assert f'href="/open-data/{dataset.name}.json"' in page
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in page
    assert "CC BY 4.0" in page
    assert 'rel="license"' in page
    assert "<code>handed_over</code>" in page  # the status values are explained
    assert 'href="/open-data/"' in _visit(app, "/").get_data(as_text=True)  # in the footer


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_the_page_speaks_every_language(app, locale):
    page = _visit(app, f"/open-data/?lang={locale}").get_data(as_text=True)
    assert f'<html lang="{locale}"' in page
    english = ("Whole number", "When it was posted.", "Daily counts", "Licence")
    assert not [text for text in english if f">{text}<" in page]


def test_ideas_read_back_with_the_same_fields_as_csv_and_json(app):
    app.config["BABEL_DEFAULT_LOCALE"] = "da"  # the municipality's main language
    author = make_user(name="Karen Holm")
    author.credit_by_name = True
    named = make_idea(author, title="Cykelsti langs Åvej", area=make_area(slug="engholm"))
    anonymous = make_idea(make_user(name="Hidden Name"), title="Flere bænke, tak")
    make_comment(named)
    db.session.commit()

    records = {int(r["id"]): r for r in _csv(app, "ideas")}
    objects = {o["id"]: o for o in _json(app, "ideas")}
    assert set(records) == set(objects) == {named.id, anonymous.id}
    first = records[named.id]
    assert first["title"] == "Cykelsti langs Åvej"
    assert first["author"] == "Karen Holm"
    assert first["comments"] == "1"
    assert first["status"] == "new"
    assert first["challenge"] == first["merged_into"] == ""
    assert (first["area"], records[anonymous.id]["area"]) == ("engholm", "")
    assert objects[anonymous.id]["area"] is None
    assert first["link"] == f"http://portal.test/ideas/{named.id}"
    assert datetime.fromisoformat(first["created"].replace("Z", "+00:00")).tzinfo is not None
    assert first["created"].endswith("Z")
    assert records[anonymous.id]["author"] == "en borger"  # in the portal's main language
    assert "Hidden Name" not in json.dumps(objects)
    assert objects[named.id]["comments"] == 1  # numbers stay numbers in JSON
    assert objects[named.id]["challenge"] is None


def test_nothing_hidden_waiting_or_private_is_in_any_dataset(app, client, auth):
    author, category = make_user(email="karen@example.org"), make_category()
    shown = make_idea(author, title="Shown idea", category=category)
    hidden = make_idea(author, title="Hidden idea about a neighbour")
    moderation.hide(make_user(role=Role.MODERATOR), hidden, "Personal data")
    settings.save({"pre_moderation": "all"})
    waiting = idea_services.create_idea(author, "Waiting idea", "Body", category)
    db.session.commit()
    assert waiting.awaiting_approval

    for dataset in DATASETS:
        for fmt in ("csv", "json"):
            body = _visit(app, f"/open-data/{dataset.name}.{fmt}").get_data(as_text=True)
            assert "Hidden idea" not in body
            assert "Waiting idea" not in body
            assert "karen@example.org" not in body
    assert [int(r["id"]) for r in _csv(app, "ideas")] == [shown.id]
    assert {int(r["idea"]) for r in _csv(app, "status-changes")} <= {shown.id}


def test_formula_cells_are_neutralised_in_csv_never_in_json(app):
    titles = ['=HYPERLINK("http://evil")', "+1 bench", "-minus", "@SUM(A1)", "\tTabbed"]
    ideas = [make_idea(title=title) for title in titles]
    db.session.commit()
    records = {int(r["id"]): r["title"] for r in _csv(app, "ideas")}
    objects = {o["id"]: o["title"] for o in _json(app, "ideas")}
    for idea in ideas:
        assert records[idea.id] == "'" + idea.title
        assert objects[idea.id] == idea.title


def test_status_changes_and_daily_counts(app):
    idea = make_idea()
    idea_services.change_status(
        idea, IdeaStatus.UNDER_REVIEW, make_user(role=Role.MODERATOR), "We look at it."
    )
    make_comment(idea)
    db.session.commit()
    changes = [r for r in _csv(app, "status-changes") if r["idea"] == str(idea.id)]
    assert [(r["from_status"], r["to_status"]) for r in changes][-1] == ("new", "under_review")
    assert changes[-1]["explanation"] == "We look at it."
    (today,) = _csv(app, "daily-counts")
    assert (today["new_ideas"], today["supports"], today["comments"]) == ("1", "0", "1")
    assert today["date"] == idea.created_at.date().isoformat()


def test_downloads_answer_304_until_something_public_changes(app):
    make_idea()
    db.session.commit()
    first = _visit(app, "/open-data/ideas.csv")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "public, max-age=60"
    again = _visit(app, "/open-data/ideas.csv", **{"If-None-Match": etag})
    assert (again.status_code, again.get_data()) == (304, b"")
    since = _visit(app, "/open-data/ideas.csv", **{"If-Modified-Since": modified})
    assert since.status_code == 304
    assert _visit(app, "/open-data/ideas.json").headers["ETag"] != etag  # per format

    make_idea(title="A new one")
    db.session.commit()
    changed = _visit(app, "/open-data/ideas.csv", **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert "A new one" in changed.get_data(as_text=True)


def test_a_person_who_allows_it_is_named_from_the_next_download(app, client, auth):
    user = make_user(name="Jens Dam")
    make_idea(user)
    etag = _visit(app, "/open-data/ideas.csv").headers["ETag"]
    auth.login(user)
    client.post(
        "/account/profile",
        data={"display_name": "Jens Dam", "locale": "da", "credit_by_name": "y"},
    )
    after = _visit(app, "/open-data/ideas.csv", **{"If-None-Match": etag})
    assert after.status_code == 200
    assert "Jens Dam" in after.get_data(as_text=True)


def test_unknown_datasets_and_formats_are_not_found(app):
    assert _visit(app, "/open-data/users.csv").status_code == 404
    assert _visit(app, "/open-data/ideas.xlsx").status_code == 404


def _catalogue(app) -> Graph:
    response = _visit(app, "/open-data/catalog.ttl")
    assert response.mimetype == "text/turtle"
    return Graph().parse(data=response.get_data(as_text=True), format="turtle")


def test_the_catalogue_is_valid_dcat_ap_3(app):
    from pyshacl import validate

    make_idea()
    db.session.commit()
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    graph = _catalogue(app)
    conforms, _graph, report = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report
    # The shapes do bite: without its descriptions the catalogue fails.
    graph.remove((None, DCTERMS.description, None))
    assert not validate(graph, shacl_graph=shapes, inference="none")[0]


def test_the_catalogue_describes_every_download_and_its_links_resolve(app):
    graph = _catalogue(app)
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == len(DATASETS)
    titles = {t.language for d in datasets for t in graph.objects(d, DCTERMS.title)}
    assert titles == {"da", "nb", "nl", "en"}
    downloads = [
        str(url)
        for d in datasets
        for distribution in graph.objects(d, DCAT.distribution)
        for url in graph.objects(distribution, DCAT.downloadURL)
    ]
    assert len(downloads) == 2 * len(DATASETS)
    for url in downloads:
        assert url.startswith("http://portal.test/open-data/")
        assert _visit(app, urlsplit(url).path).status_code == 200
    licences = {str(o) for o in graph.objects(None, DCTERMS.license)}
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}


# rdflib's own JSON-LD parser still uses its deprecated ConjunctiveGraph.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_catalogue_as_json_ld_says_the_same(app):
    turtle = _catalogue(app)
    response = _visit(app, "/open-data/catalog.jsonld")
    assert response.mimetype == "application/ld+json"
    linked = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
    assert len(linked) == len(turtle)


def test_the_licence_is_the_admins_choice(app):
    settings.save({"open_data_licence": "nlod-2.0"})
    db.session.commit()
    assert "NLOD 2.0" in _visit(app, "/open-data/").get_data(as_text=True)
    licences = {str(o) for o in _catalogue(app).objects(None, DCTERMS.license)}
    assert licences == {"https://data.norge.no/nlod/en/2.0"}


def test_a_large_export_streams_in_batches(app, monkeypatch):
    """The rows come from the database in batches while the answer is sent,
    a chunk at a time: never one string built in memory (the benchmark
    measures 100,000 ideas)."""
    from portal.opendata import fields, formats

    monkeypatch.setattr(formats, "ROWS_PER_CHUNK", 2)
    monkeypatch.setattr(fields, "BATCH", 2)
    for _ in range(5):
        make_idea()
    db.session.commit()
    chunks = list(formats.csv_body(_dataset("ideas")))
    assert len(chunks) == 1 + 3  # the header, then 2 + 2 + 1 rows
    assert b"".join(chunks).count(b"\r\n") == 6
    streamed = app.test_client().get("/open-data/ideas.json")
    assert len(json.loads(streamed.get_data())) == 5
