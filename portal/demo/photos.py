"""Demo photos: simple illustrations drawn here (the demo ships no
pictures of real places or people), uploaded as a citizen's phone would,
through the same re-encoding as every photo."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Idea
from portal.photos import services

SKY, GRASS, WATER, WOOD, ROOF = (
    (150, 195, 230),
    (96, 150, 70),
    (60, 120, 170),
    (120, 80, 45),
    (150, 60, 50),
)


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (1200, 800), SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 480, 1200, 800), fill=GRASS)
    return image, draw


def _lake() -> Image.Image:
    image, draw = _canvas()
    draw.ellipse((380, 440, 1280, 640), fill=WATER)
    draw.polygon([(0, 800), (420, 520), (520, 540), (160, 800)], fill=(205, 185, 140))  # the path
    for x in (80, 300):  # a missing bench: only its marks in the grass
        draw.rectangle((x, 600, x + 120, 612), fill=(80, 120, 55))
    return image


def _roofs() -> Image.Image:
    image, draw = _canvas()
    draw.rectangle((200, 380, 1000, 640), fill=(225, 215, 195))
    draw.polygon([(160, 380), (600, 160), (1040, 380)], fill=ROOF)
    for row in range(3):  # panels in rows that fit under the roof's slopes
        bottom = 365 - row * 60
        half = (bottom - 50 - 160) / 220 * 440 - 20  # the roof's half-width at the row's top
        count = int(2 * half // 90)
        left = 600 - count * 90 // 2
        for col in range(count):
            x = left + col * 90
            draw.polygon([(x, bottom), (x + 80, bottom), (x + 70, bottom - 50), (x + 10, bottom - 50)],
                         fill=(30, 50, 110))  # fmt: skip
    draw.rectangle((540, 520, 660, 640), fill=WOOD)
    return image


def _schoolyard() -> Image.Image:
    image, draw = _canvas()
    draw.rectangle((0, 420, 1200, 800), fill=(170, 170, 165))  # the asphalt
    for x in range(0, 1200, 40):  # the fence, with its gate open
        if not 520 < x < 680:
            draw.rectangle((x, 330, x + 8, 430), fill=(70, 70, 70))
    draw.rectangle((0, 340, 520, 348), fill=(70, 70, 70))
    draw.rectangle((680, 340, 1200, 348), fill=(70, 70, 70))
    for row, y in enumerate(range(520, 760, 60)):  # hopscotch
        for col in range(1 + row % 2):
            x = 250 + col * 60 - (row % 2) * 30
            draw.rectangle((x, y, x + 56, y + 56), outline=(250, 250, 250), width=5)
    draw.rectangle((820, 470, 1000, 700), outline=(250, 250, 250), width=6)  # a goal
    return image


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


# Idea number: (drawing, description) — descriptions in the ideas' language.
PHOTOS = {
    5: [(_lake, "Stien langs Skovlunde Sø: græs og vand, men ingen bænk at sidde på.")],
    15: [(_schoolyard, "Tegning af en skolegård med åben låge, hinkeruder og et mål.")],
    30: [(_roofs, "Tegning af et kommunalt tag med tre rækker solceller.")],
}


def add_demo_photos(ideas: list[Idea]) -> None:
    for number, photos in PHOTOS.items():
        idea = ideas[number]
        author = db.session.get(User, idea.author_id)
        uploaded = []
        for draw, description in photos:
            photo = services.upload(author, _jpeg(draw()), description)
            uploaded.append((photo, description))
        services.attach(idea, uploaded)
