"""Shared links look right: Open Graph and Twitter card tags on idea,
challenge and meeting pages, read back by an HTML parser, and the share row
(a link to select, a mail link; no third-party script)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import unquote

from portal.accounts.models import User
from portal.extensions import db
from portal.photos import services as photos
from portal.sharing import shortened
from tests.factories import make_challenge, make_idea, make_meeting
from tests.photos.files import webp


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[override]
        found = dict(attrs)
        if tag == "meta" and (found.get("property") or found.get("name")):
            key = found.get("property") or found.get("name")
            self.tags.setdefault(key, []).append(found.get("content", ""))
        if tag == "link" and found.get("rel") == "canonical":
            self.tags.setdefault("canonical", []).append(found["href"])
        if tag == "script":
            self.scripts.append(found.get("src", ""))


def _meta(client, url: str) -> _Meta:  # type: ignore[no-untyped-def]
    parser = _Meta()
    parser.feed(client.get(url).get_data(as_text=True))
    return parser


def test_an_idea_with_a_photo_previews_with_it(client):
    idea = make_idea(title="Bænke ved søen", body="Vi **mangler** bænke ved søen. " * 20)
    photo = photos.upload(db.session.get(User, idea.author_id), webp(), "Søen")
    photos.attach(idea, [(photo, "Søen")])
    db.session.commit()
    meta = _meta(client, f"/ideas/{idea.id}?lang=da")
    tags = meta.tags
    assert tags["og:title"] == ["Bænke ved søen"]
    assert tags["og:url"] == [f"http://portal.test/ideas/{idea.id}"]  # no ?lang=
    assert tags["canonical"] == tags["og:url"]
    assert tags["og:image"] == [f"http://portal.test/photos/{photo.key}/large.webp"]
    assert tags["og:image:alt"] == ["Søen"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:locale"] == ["da_DK"]
    assert "og:locale:alternate" not in tags  # the address serves the reader's language
    assert tags["og:site_name"] == ["Solbjerg Kommune"]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1600"], ["800"])
    assert tags["og:image:type"] == ["image/webp"]
    (text,) = tags["og:description"]
    assert text.startswith("Vi mangler bænke")
    assert "**" not in text
    assert "<" not in text
    assert len(text) <= 200
    assert text.endswith("…")
    assert all(src.startswith("/static/") for src in meta.scripts)  # nobody else's script


def test_without_a_photo_the_portals_picture_is_shown(client):
    idea = make_idea()
    db.session.commit()
    tags = _meta(client, f"/ideas/{idea.id}?lang=nl").tags
    (image,) = tags["og:image"]
    assert image.startswith("http://portal.test/static/img/share.png")
    assert tags["twitter:card"] == ["summary"]
    assert tags["og:locale"] == ["nl_NL"]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])


def test_the_share_row_offers_the_link_and_a_mail(client):
    idea = make_idea(title="Bænke & borde")
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert (
        f'<input id="share-url" type="url" value="http://portal.test/ideas/{idea.id}" readonly>'
        in page
    )
    start = page.index('href="mailto:?subject=') + len('href="')
    mail = page[start : page.index('"', start)].replace("&amp;", "&")
    assert unquote(mail) == f"mailto:?subject=Bænke & borde&body=http://portal.test/ideas/{idea.id}"


def test_challenge_and_meeting_pages_preview_too(client):
    challenge = make_challenge()
    meeting = make_meeting()
    db.session.commit()
    tags = _meta(client, f"/challenges/{challenge.id}").tags
    assert tags["og:title"] == [challenge.title]
    assert tags["og:url"] == [f"http://portal.test/challenges/{challenge.id}"]
    tags = _meta(client, f"/meetings/{meeting.id}").tags
    assert tags["og:title"][0].startswith(meeting.body)


def test_a_hidden_idea_has_no_preview(client, auth):
    hidden = make_idea()
    hidden.hidden_at, hidden.hidden_reason = hidden.created_at, "Spam"
    db.session.commit()
    auth.login(db.session.get(User, hidden.author_id))
    assert "og:title" not in _meta(client, f"/ideas/{hidden.id}").tags


def test_shortening_cuts_at_a_word():
    assert shortened("<p>Kort tekst.</p>") == "Kort tekst."
    assert shortened("<h2>Baggrund</h2><p>Tre gange.</p><h3>Spørgsmål</h3><p>Hvad?</p>") == (
        "Tre gange. Hvad?"
    )
    long = shortened("ord " * 100, 20)
    assert long == "ord ord ord ord ord…"
