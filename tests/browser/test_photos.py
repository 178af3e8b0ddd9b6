"""Journey: a citizen posts an idea with a photo from their phone, in da,
nb and nl, at phone width. A file that is no photo is refused with the
text kept; the photo the portal then shows has no GPS position left."""

from __future__ import annotations

import io
import urllib.request

import pytest
from PIL import Image

from tests.browser.test_staff import _log_in
from tests.photos import files

pytestmark = pytest.mark.browser

PUBLISH = {"da": "Offentliggør idé", "nb": "Publiser idé", "nl": "Idee publiceren"}
REFUSED = {
    "da": "Filen er ikke et billede, portalen kan bruge.",
    "nb": "Filen er ikke et bilde portalen kan bruke.",
    "nl": "Dit bestand is geen foto die het portaal kan gebruiken.",
}


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_citizen_posts_an_idea_with_a_photo_from_their_phone(
    live_server, browser, locale, tmp_path
):
    base = live_server.url
    phone, drawing = tmp_path / "IMG_0042.JPG", tmp_path / "drawing.svg"
    phone.write_bytes(files.jpeg_with_gps((1200, 900)))
    drawing.write_bytes(files.SVG)
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _log_in(page, base, "citizen@example.org", locale)
    page.goto(f"{base}/ideas/new")
    page.fill("#title", f"Bænke ved havnen ({locale})")
    page.fill("#body", "Der er ingen steder at sidde ved havnen. To bænke ville hjælpe.")
    page.select_option("#category", index=1)
    page.set_input_files("#new_photos-0-file", str(drawing))
    page.fill("#new_photos-0-alt_text", f"Den tomme kaj ({locale})")
    page.get_by_role("button", name=PUBLISH[locale]).click()
    assert REFUSED[locale] in page.locator("#new_photos-0-file-error").inner_text()
    assert page.input_value("#title") == f"Bænke ved havnen ({locale})"
    assert page.input_value("#new_photos-0-alt_text") == f"Den tomme kaj ({locale})"
    page.set_input_files("#new_photos-0-file", str(phone))
    page.get_by_role("button", name=PUBLISH[locale]).click()
    page.wait_for_url("**/ideas/*")
    image = page.locator(".photo-gallery img").first
    assert image.get_attribute("alt") == f"Den tomme kaj ({locale})"
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    served = urllib.request.urlopen(base + image.get_attribute("src")).read()  # noqa: S310
    assert not Image.open(io.BytesIO(served)).getexif()  # no GPS, no camera
    page.goto(f"{base}/ideas/")
    assert page.locator(f".idea-card-thumb[alt='Den tomme kaj ({locale})']").count() == 1
