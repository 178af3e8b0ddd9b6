"""Turning an upload into photos the portal can serve: decoded by Pillow
(JPEG, PNG or WebP, nothing else), turned upright, stripped of EXIF and
every other piece of metadata (a phone's GPS position above all), and
encoded again in each size. What is served is what Pillow wrote, never a
byte of the upload."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from portal.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# Pillow refuses to decode more pixels than this (a "decompression bomb":
# a small file that would take gigabytes once decoded).
MAX_PIXELS = 50_000_000
# What Pillow may decode, and the format the photo is kept in. Cameras and
# phones (Samsung) write JPEGs with a second picture (MPO): the first is kept.
DECODERS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}
MIN_SIDE = 200  # pixels: smaller is an icon, not a photo (and previews refuse it)


class ImageRefused(DomainError):
    messages = {
        "not an image": _l(
            "This file is not a photo the portal can use. Please choose a JPEG, PNG or WebP image."
        ),
        "too large": _l("This photo is larger than 10 MB. Please choose a smaller one."),
        "too many pixels": _l(
            "This image has too many pixels to be processed safely (at most 50 megapixels)."
        ),
        "empty": _l("This file is empty. Please choose a photo."),
        "too small": _l(
            "This image is too small to be a photo: at least %(side)s pixels wide and high, "
            "please.",
            side=MIN_SIDE,
        ),
    }


@dataclass
class Encoded:
    format: str  # jpeg | png | webp
    width: int  # of the largest size
    height: int
    sizes: dict[str, bytes]


def encode(data: bytes, sizes: dict[str, int]) -> Encoded:
    """Each size of the photo in ``data`` (the longest side at most the
    size's pixels, never enlarged), or ``ImageRefused``."""
    if not data:
        raise ImageRefused("empty")
    if len(data) > MAX_BYTES:
        raise ImageRefused("too large")
    image = _decode(data)
    fmt = DECODERS.get(image.format or "")
    if fmt is None:
        raise ImageRefused("not an image")
    if min(image.size) < MIN_SIDE:
        raise ImageRefused("too small")
    # Upright as the camera meant it, then with no metadata left.
    image = ImageOps.exif_transpose(image)
    image = _in_srgb(_eight_bits(image))
    image.thumbnail((max(sizes.values()),) * 2, Image.Resampling.LANCZOS)
    image = _plain(image, fmt)
    out: dict[str, bytes] = {}
    for name, pixels in sizes.items():
        copy = image.copy()
        copy.thumbnail((pixels, pixels), Image.Resampling.LANCZOS)
        out[name] = _write(copy, fmt)
    # ``image`` is the largest size already (made before the metadata went).
    return Encoded(fmt, image.width, image.height, out)


def _decode(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        # Past MAX_PIXELS Pillow only warns (it raises at twice as many).
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"])
            if image.width * image.height > MAX_PIXELS:
                raise ImageRefused("too many pixels")
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRefused("too many pixels") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ImageRefused("not an image") from error
    return image


def _eight_bits(image: Image.Image) -> Image.Image:
    """16-bit grey (I;16) scaled to 8 bits: converting it directly clips it white."""
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image


def _in_srgb(image: Image.Image) -> Image.Image:
    """The pixels converted from the photo's colour profile (an iPhone's
    Display P3, Adobe RGB) to sRGB, as every screen assumes once the profile
    itself is dropped with the rest of the metadata."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are
    return converted or image


def _plain(image: Image.Image, fmt: str) -> Image.Image:
    """The first frame's pixels only, in a mode the format writes: a new
    image, so no ``info`` (EXIF, XMP, ICC, comments, text chunks) comes along."""
    keeps_alpha = fmt in ("png", "webp") and (
        image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    )
    mode = "RGBA" if keeps_alpha else "RGB"
    pixels = image.convert(mode)
    return Image.frombytes(mode, pixels.size, pixels.tobytes())


def _write(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=85, method=4)
    return buffer.getvalue()
