"""Photos on ideas, with real files: what is stored is what Pillow wrote
(no EXIF, no GPS, upright), anything that is not a JPEG, PNG or WebP is
refused with the rest of the form kept, and photos are served with the
type that was decoded, to whom may see them."""

from __future__ import annotations

import gc
import io
import re
import warnings
from pathlib import Path

import pytest
from flask import current_app
from PIL import Image
from sqlalchemy import func, select

from portal.extensions import db
from portal.ideas.models import Idea
from portal.photos import images, services
from portal.photos.models import Photo
from tests.factories import make_category, make_idea, make_user
from tests.photos import files


def _post(client, data: dict, photos: list[tuple[bytes, str, str]], url: str = "/ideas/new"):  # type: ignore[no-untyped-def]
    form = dict(data)
    for number, (content, name, description) in enumerate(photos):
        form[f"new_photos-{number}-file"] = (io.BytesIO(content), name)
        form[f"new_photos-{number}-alt_text"] = description
    return client.post(url, data=form, content_type="multipart/form-data")


def _idea_form(category_id: int, **changes: object) -> dict:
    return {
        "title": "A bench by the harbour",
        "body": "The harbour has nowhere to sit down. Two benches would help a lot.",
        "category": str(category_id),
        "language": "en",
        "publish": "Publish idea",
        **changes,
    }


def _stored(photo: Photo, size: str = "large") -> bytes:
    return (Path(current_app.config["UPLOAD_DIR"]) / photo.file_name(size)).read_bytes()


def _photos() -> list[Photo]:
    db.session.expire_all()
    return list(db.session.scalars(select(Photo).order_by(Photo.id)))


@pytest.fixture
def citizen(auth):  # type: ignore[no-untyped-def]
    return auth.login(make_user())


def test_a_phone_photo_loses_its_gps_position_and_is_turned_upright(client, citizen):
    category = make_category()
    upload = files.jpeg_with_gps((640, 320), orientation=6)  # the camera held upright
    assert b"PhoneMaker" in upload
    assert Image.open(io.BytesIO(upload)).getexif()
    sent = _post(client, _idea_form(category.id), [(upload, "IMG_0001.JPG", "The empty quay")])
    assert sent.status_code == 302
    (photo,) = _photos()
    idea = db.session.get(Idea, photo.idea_id)
    assert idea.title == "A bench by the harbour"
    assert photo.description == "The empty quay"
    for size in ("small", "large"):
        stored = _stored(photo, size)
        image = Image.open(io.BytesIO(stored))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert "comment" not in image.info
        assert b"PhoneMaker" not in stored
        assert b"Exif" not in stored
        assert b"taken at home" not in stored
    large = Image.open(io.BytesIO(_stored(photo)))
    assert large.size == (320, 640)  # turned as the orientation said, then saved upright
    assert Image.open(io.BytesIO(_stored(photo, "small"))).size == (200, 400)
    assert photo.is_cover


def test_png_text_chunks_go_and_webp_is_made_smaller(client, citizen):
    category = make_category()
    sent = _post(
        client,
        _idea_form(category.id),
        [(files.png_with_text(), "plan.png", "A plan"), (files.webp(), "wide.webp", "Wide")],
    )
    assert sent.status_code == 302
    png, wide = _photos()
    stored = Image.open(io.BytesIO(_stored(png)))
    assert stored.format == "PNG"
    assert stored.mode == "RGBA"
    assert "Author" not in stored.info
    assert b"Skolevej" not in _stored(png)
    assert (wide.format, wide.width, wide.height) == ("webp", 1600, 800)
    assert Image.open(io.BytesIO(_stored(wide, "small"))).size == (400, 200)
    assert png.is_cover
    assert not wide.is_cover
    assert (png.position, wide.position) == (0, 1)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.SVG, "drawing.svg", "not a photo the portal can use"),
        (files.PDF, "scan.jpg", "not a photo the portal can use"),
        (b"<html><script>alert(1)</script></html>", "page.png", "not a photo the portal can use"),
        (files.png_bomb(), "bomb.png", "too many pixels"),
        (b"", "empty.jpg", "This file is empty."),
    ],
)
def test_what_is_not_a_real_image_is_refused_and_the_text_is_kept(
    client, citizen, content, name, message
):
    category = make_category()
    sent = _post(client, _idea_form(category.id), [(content, name, "What it shows")])
    html = sent.get_data(as_text=True)
    assert sent.status_code == 400
    assert message in html
    assert "A bench by the harbour" in html
    assert "nowhere to sit down" in html
    assert "What it shows" in html  # the description typed is kept
    assert _photos() == []
    assert db.session.scalar(select(Idea.id)) is None
    assert list(Path(current_app.config["UPLOAD_DIR"]).glob("*")) == []


def test_a_polyglot_is_served_as_the_image_pillow_wrote_never_as_html(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.jpeg_html_polyglot(), "x.html", "Quay")])
    (photo,) = _photos()
    response = client.get(f"/photos/{photo.key}/large.jpg")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in response.data
    assert b"<html" not in response.data
    assert response.headers["Cache-Control"] == "public, max-age=86400"  # a day: hidden soon


def test_the_type_served_is_the_one_decoded_not_the_uploads_name(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.png_with_text(), "photo.jpg", "Plan")])
    (photo,) = _photos()
    assert photo.format == "png"
    assert client.get(f"/photos/{photo.key}/large.png").mimetype == "image/png"
    assert client.get(f"/photos/{photo.key}/large.jpg").status_code == 404
    assert client.get(f"/photos/{photo.key}/huge.png").status_code == 404


def test_a_photo_is_kept_while_another_field_is_corrected(client, citizen):
    category = make_category()
    sent = _post(client, _idea_form(category.id, title=""), [(files.webp(), "a.webp", "Quay")])
    assert sent.status_code == 400
    (photo,) = _photos()
    assert photo.idea_id is None
    assert photo.description == "Quay"
    html = sent.get_data(as_text=True)
    assert f'value="{photo.key}"' in html
    assert f"/photos/{photo.key}/small.webp" in html
    # The uploader sees it; nobody else does.
    assert client.get(f"/photos/{photo.key}/small.webp").status_code == 200
    assert "no-store" in client.get(f"/photos/{photo.key}/small.webp").headers["Cache-Control"]
    again = client.post(
        "/ideas/new",
        data=_idea_form(
            category.id, **{"photo_rows-0-key": photo.key, "photo_rows-0-alt_text": "Quay"}
        ),
    )
    assert again.status_code == 302
    (photo,) = _photos()
    assert photo.idea_id is not None


def test_each_photo_needs_a_description(client, citizen):
    category = make_category()
    sent = _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "")])
    assert sent.status_code == 400
    assert "Please describe what the photo shows." in sent.get_data(as_text=True)
    (photo,) = _photos()
    assert photo.idea_id is None  # kept, waiting for its description


def test_another_persons_waiting_photo_cannot_be_taken_or_seen(client, auth):
    category = make_category()
    owner = make_user()
    photo = services.upload(owner, files.webp((200, 200)), "Mine")
    db.session.commit()
    auth.login(make_user())
    assert client.get(f"/photos/{photo.key}/small.webp").status_code == 404
    sent = client.post(
        "/ideas/new",
        data=_idea_form(
            category.id, **{"photo_rows-0-key": photo.key, "photo_rows-0-alt_text": "Stolen"}
        ),
    )
    assert sent.status_code == 302
    (photo,) = _photos()
    assert photo.idea_id is None
    assert photo.description == "Mine"


def test_at_most_four_photos(client, citizen):
    category = make_category()
    five = [(files.webp((200, 200)), f"{n}.webp", f"Photo {n}") for n in range(5)]
    sent = _post(client, _idea_form(category.id), five)
    # The form has four places: a fifth file is not even read.
    assert sent.status_code == 302
    assert len(_photos()) == 4


def test_photos_are_shown_on_the_idea_and_its_card(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "The empty quay at dusk")])
    (photo,) = _photos()
    page = client.get(f"/ideas/{photo.idea_id}").get_data(as_text=True)
    assert 'alt="The empty quay at dusk"' in page
    assert f"/photos/{photo.key}/small.webp 400w" in page  # srcset
    listing = client.get("/ideas/").get_data(as_text=True)
    assert re.search(rf'class="idea-card-thumb" src="/photos/{photo.key}/small.webp"', listing)


def test_the_author_removes_a_photo_while_editing(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "Quay")])
    (photo,) = _photos()
    form = _idea_form(
        category.id,
        publish="Save changes",
        **{"photo_rows-0-key": photo.key, "photo_rows-0-alt_text": "Quay",
           "photo_rows-0-remove": "y"},
    )  # fmt: skip
    assert client.post(f"/ideas/{photo.idea_id}/edit", data=form).status_code == 302
    assert _photos() == []
    assert list(Path(current_app.config["UPLOAD_DIR"]).glob("*")) == []


def test_a_rolled_back_upload_leaves_no_file(app):
    user = make_user()
    services.upload(user, files.webp((200, 200)))
    assert len(list(Path(app.config["UPLOAD_DIR"]).glob("*"))) == 2
    db.session.rollback()
    assert list(Path(app.config["UPLOAD_DIR"]).glob("*")) == []


def test_decoding_refuses_what_pillow_would_not_read_safely():
    with pytest.raises(images.ImageRefused) as refused:
        images.encode(files.png_bomb(), {"large": 1600})
    assert refused.value.key == "too many pixels"
    with pytest.raises(images.ImageRefused) as refused:
        images.encode(b"x" * (images.MAX_BYTES + 1), {"large": 1600})
    assert refused.value.key == "too large"


def test_a_hidden_idea_hides_its_photos_from_visitors(client, auth):
    author = make_user()
    idea = make_idea(author=author)
    photo = services.upload(author, files.webp((200, 200)), "Quay")
    services.attach(idea, [(photo, "Quay")])
    idea.hidden_at, idea.hidden_reason = idea.created_at, "spam"
    db.session.commit()
    assert client.get(f"/photos/{photo.key}/small.webp").status_code == 404
    auth.login(author)
    response = client.get(f"/photos/{photo.key}/small.webp")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_feeds_carry_the_photo(client, citizen):
    import feedparser

    category = make_category()
    _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "Quay")])
    (photo,) = _photos()
    address = f"http://portal.test/photos/{photo.key}/large.webp"
    for fmt in ("atom", "rss"):
        (entry,) = feedparser.parse(client.get(f"/feeds/ideas.{fmt}").get_data()).entries
        (media,) = entry.media_content
        assert (media["url"], media["type"], media["medium"]) == (address, "image/webp", "image")
        assert int(media["filesize"]) == len(_stored(photo))
        assert entry.link.endswith(f"/ideas/{photo.idea_id}")  # the photo is not the link
    (rss,) = feedparser.parse(client.get("/feeds/ideas.rss").get_data()).entries
    (enclosure,) = rss.enclosures
    assert (enclosure.href, enclosure.type) == (address, "image/webp")
    own = feedparser.parse(client.get(f"/feeds/ideas/{photo.idea_id}.atom").get_data())
    assert own.feed.logo == address
    (posted,) = own.entries  # the posting: its status "New", with the photo
    assert posted.media_content[0]["url"] == address


def test_a_photo_answers_if_none_match_with_304(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "Quay")])
    (photo,) = _photos()
    first = client.get(f"/photos/{photo.key}/small.webp")
    again = client.get(
        f"/photos/{photo.key}/small.webp", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_a_phone_sized_photo_passes_the_csrf_check(tmp_path):
    """With CSRF on (as in production) the token is read from a form of
    several megabytes: the larger limit must hold before that check."""
    import os

    from tests.conftest import IsolatedClient, standalone_app
    from tests.factories import login_id

    app = standalone_app(tmp_path / "csrf.sqlite3", WTF_CSRF_ENABLED=True)
    app.test_client_class = IsolatedClient
    with app.app_context():
        user, category = make_user(), make_category()
        user_id, category_id = login_id(user), category.id
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True
    form = client.get("/ideas/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    noise = Image.frombytes("RGB", (1800, 1200), os.urandom(1800 * 1200 * 3))
    big = io.BytesIO()
    noise.save(big, "JPEG", quality=95)
    assert len(big.getvalue()) > 2 * 1024 * 1024
    sent = _post(
        client, _idea_form(category_id, csrf_token=token), [(big.getvalue(), "IMG.JPG", "Noise")]
    )
    assert sent.status_code == 302, sent.get_data(as_text=True)[:300]
    too_big = client.post("/ideas/1/withdraw", data={"note": "x" * 300_000, "csrf_token": token})
    assert too_big.status_code == 413  # other forms keep the small limit
    # The test client spools a body this large to a temporary file it never
    # closes (the portal read it whole): collected here, not in a later test.
    del sent, too_big  # they hold the requests, and so the files
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_phone_formats_and_odd_images_are_handled():
    from PIL import ImageCms

    mpo = io.BytesIO()  # a Samsung phone's JPEG with a second picture
    Image.new("RGB", (300, 300), "red").save(
        mpo, "MPO", save_all=True, append_images=[Image.new("RGB", (300, 300), "blue")]
    )
    encoded = images.encode(mpo.getvalue(), {"large": 1600})
    assert encoded.format == "jpeg"
    assert Image.open(io.BytesIO(encoded.sizes["large"])).getpixel((5, 5))[0] > 200  # red
    grey = Image.linear_gradient("L").resize((256, 256)).convert("I").point(lambda v: v * 256)
    deep = io.BytesIO()
    grey.convert("I;16").save(deep, "PNG")
    out = Image.open(io.BytesIO(images.encode(deep.getvalue(), {"large": 1600}).sizes["large"]))
    assert out.getpixel((0, 128))[0] in range(120, 136)  # a gradient, not clipped to white
    profiled = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (300, 300), (10, 200, 30)).save(profiled, "JPEG", icc_profile=srgb)
    out = Image.open(io.BytesIO(images.encode(profiled.getvalue(), {"large": 1600}).sizes["large"]))
    assert "icc_profile" not in out.info
    thin = io.BytesIO()
    Image.new("RGB", (10, 5000)).save(thin, "PNG")
    with pytest.raises(images.ImageRefused) as refused:
        images.encode(thin.getvalue(), {"large": 1600})
    assert refused.value.key == "too small"


def test_sending_the_form_again_keeps_the_photos_of_the_idea_it_posted(client, citizen):
    category = make_category()
    _post(client, _idea_form(category.id), [(files.webp(), "a.webp", "Quay")])
    again = client.post("/ideas/new", data=_idea_form(category.id))  # Back, and send again
    assert again.status_code == 302
    (photo,) = _photos()
    assert photo.idea_id is not None
    assert db.session.scalar(select(func.count(Idea.id))) == 1


def test_the_preview_shows_the_photos(client, citizen):
    category = make_category()
    form = _idea_form(category.id, preview="Preview")
    del form["publish"]
    page = _post(client, form, [(files.webp(), "a.webp", "Quay")]).get_data(as_text=True)
    (photo,) = _photos()
    preview = page[page.index('id="preview-heading"') : page.index("</section>")]
    assert f'src="/photos/{photo.key}/small.webp"' in preview
