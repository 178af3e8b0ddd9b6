"""Real image files made in the test, and files that only pretend to be."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw
from PIL.ExifTags import IFD, Base

GPS = {1: "N", 2: (55.0, 40.0, 30.5), 3: "E", 4: (12.0, 34.0, 56.2)}


def jpeg_with_gps(size: tuple[int, int] = (640, 320), orientation: int = 1) -> bytes:
    """A phone's photo: EXIF with a GPS position, the camera and an orientation."""
    image = Image.new("RGB", size, (40, 120, 200))
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(250, 200, 0))
    exif = Image.Exif()
    exif[Base.Make] = "PhoneMaker"
    exif[Base.Model] = "Phone 12"
    exif[Base.Orientation] = orientation
    exif[IFD.GPSInfo] = GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"taken at home")
    return out.getvalue()


def png_with_text(size: tuple[int, int] = (300, 200)) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Karen Jensen, Skolevej 4")
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def webp(size: tuple[int, int] = (2400, 1200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "WEBP")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 30_000) -> bytes:
    """A few hundred bytes that claim 900 megapixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\0" + b"\0" * ((side + 7) // 8)
    body = zlib.compress(row * 8)  # the rest of the rows are simply missing
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg_html_polyglot() -> bytes:
    """A real JPEG with an HTML page after its end: a browser sniffing the
    bytes as HTML would run the script."""
    return jpeg_with_gps((320, 240)) + HTML_TAIL
