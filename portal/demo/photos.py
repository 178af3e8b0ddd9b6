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
    for row in range(3):
        for col in range(6):
            x, y = 330 + col * 95 + row * 35, 330 - row * 55
            draw.polygon(
                [(x, y), (x + 80, y), (x + 100, y - 45), (x + 20, y - 45)], fill=(30, 50, 110)
            )
    draw.rectangle((540, 520, 660, 640), fill=WOOD)
    return image


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


# Idea number: (drawing, description) — descriptions in the ideas' language.
PHOTOS = {
    5: [(_lake, "Stien langs Skovlunde Sø: græs og vand, men ingen bænk at sidde på.")],
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
