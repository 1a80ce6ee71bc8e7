"""dbq's own SVG drawn as a PNG, for the copies that cannot hold SVG (Word).

Only the subset dbq/render/svg_timeline.py writes: <line> (with stroke-dasharray), <rect>
(with rx), <circle>, <path> of M/L/Z, and <text> (x, y, font-size, text-anchor, fill,
font-weight, font-style) in the fonts dbq ships. Anything else (an unknown element, a transform,
a curve) is left out rather than guessed at. The same SVG gives the same PNG bytes: no clock,
no metadata but the resolution.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from functools import lru_cache
from xml.etree import ElementTree as ET

from PIL import Image, ImageColor, ImageDraw, ImageFont

from dbq.assets import SANS, SANS_BOLD, SANS_ITALIC, font_file

Colour = tuple[int, int, int]
Point = tuple[float, float]

# Shapes are drawn this many times larger and scaled down, so slanted lines come out smooth
# (Pillow draws lines and polygons without anti-aliasing).
SUPERSAMPLE = 2
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH = re.compile(r"[MmLlZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")
# The shipped faces, by (family, bold, italic); Noto Sans has no bold italic: bold stands in.
_FACES = {
    ("sans", False, False): SANS,
    ("sans", True, False): SANS_BOLD,
    ("sans", False, True): SANS_ITALIC,
    ("sans", True, True): SANS_BOLD,
    ("serif", False, False): "NotoSerif-Regular",
    ("serif", True, False): "NotoSerif-Bold",
    ("serif", False, True): "NotoSerif-Italic",
    ("serif", True, True): "NotoSerif-BoldItalic",
}
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # Pillow's: left/middle/right, baseline


def svg_png(svg: str, scale: float = 3.0) -> tuple[bytes, tuple[int, int]]:
    """The SVG drawn on white at `scale` pixels per SVG unit: PNG bytes and (width, height).

    A unit of dbq's SVG is a point, so a scale of 3 is 216 pixels per inch, which the PNG
    records as its resolution.
    """
    root = ET.fromstring(svg)
    box = _view_box(root)
    size = (max(1, math.ceil(box[2] * scale)), max(1, math.ceil(box[3] * scale)))
    factor = scale * SUPERSAMPLE
    image = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), "white")
    canvas = _Canvas(
        ImageDraw.Draw(image), factor, box[0], box[1], _family(root.get("font-family"))
    )
    for element in _drawn(root):
        canvas.draw(element)
    image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    dpi = round(72 * scale)
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue(), size


def _drawn(root: ET.Element) -> Iterator[ET.Element]:
    """The elements to draw, in document order; <g> is looked into, the rest not."""
    for child in root:
        tag = _tag(child)
        if tag == "g":
            yield from _drawn(child)
        elif tag in ("line", "rect", "circle", "path", "text"):
            yield child


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _number(text: str | None, default: float = 0.0) -> float:
    found = _NUMBER.match((text or "").strip())
    return float(found.group()) if found else default


def _view_box(root: ET.Element) -> tuple[float, float, float, float]:
    """x, y, width, height of what is drawn: the viewBox, else the width and height."""
    parts = [float(n) for n in _NUMBER.findall(root.get("viewBox") or "")]
    if len(parts) == 4 and parts[2] > 0 and parts[3] > 0:
        return parts[0], parts[1], parts[2], parts[3]
    return (
        0.0,
        0.0,
        max(_number(root.get("width"), 1.0), 1.0),
        max(_number(root.get("height"), 1.0), 1.0),
    )


def _family(value: str | None) -> str:
    """ "serif" when the first family named is a serif one, else "sans"."""
    first = (value or "").split(",")[0].strip().strip("'\"").lower()
    return "serif" if "serif" in first and "sans" not in first else "sans"


def _colour(value: str | None, default: Colour | None) -> Colour | None:
    if value is None:
        return default
    if value.strip() in ("none", "transparent"):
        return None
    try:
        red, green, blue = ImageColor.getrgb(value.strip())[:3]
    except ValueError:
        return default
    return red, green, blue


@lru_cache(maxsize=64)
def _font(face: str, pixels: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(face)), max(pixels, 1.0))


class _Canvas:
    """Draws SVG elements on a Pillow image, SVG units mapped to pixels."""

    def __init__(
        self, draw: ImageDraw.ImageDraw, factor: float, x0: float, y0: float, family: str
    ) -> None:
        self.pen, self.factor, self.x0, self.y0, self.family = draw, factor, x0, y0, family

    def point(self, x: float, y: float) -> Point:
        return (x - self.x0) * self.factor, (y - self.y0) * self.factor

    def width(self, element: ET.Element) -> int:
        return max(1, round(_number(element.get("stroke-width"), 1.0) * self.factor))

    def draw(self, element: ET.Element) -> None:
        getattr(self, f"_{_tag(element)}")(element)

    def _line(self, element: ET.Element) -> None:
        stroke = _colour(element.get("stroke"), None)
        if stroke is None:
            return
        start = self.point(_number(element.get("x1")), _number(element.get("y1")))
        end = self.point(_number(element.get("x2")), _number(element.get("y2")))
        dashes = [
            _number(d) * self.factor for d in _NUMBER.findall(element.get("stroke-dasharray") or "")
        ]
        for a, b in _dashed(start, end, dashes):
            self.pen.line([a, b], fill=stroke, width=self.width(element))

    def _rect(self, element: ET.Element) -> None:
        x0, y0 = self.point(_number(element.get("x")), _number(element.get("y")))
        w = _number(element.get("width")) * self.factor
        h = _number(element.get("height")) * self.factor
        if w <= 0 or h <= 0:
            return
        fill = _colour(element.get("fill"), (0, 0, 0))
        stroke = _colour(element.get("stroke"), None)
        box = (x0, y0, x0 + w, y0 + h)
        radius = _number(element.get("rx")) * self.factor
        width = self.width(element) if stroke else 0
        if radius > 0:
            self.pen.rounded_rectangle(box, radius, fill=fill, outline=stroke, width=width)
        else:
            self.pen.rectangle(box, fill=fill, outline=stroke, width=width)

    def _circle(self, element: ET.Element) -> None:
        cx, cy = self.point(_number(element.get("cx")), _number(element.get("cy")))
        r = _number(element.get("r")) * self.factor
        if r <= 0:
            return
        fill = _colour(element.get("fill"), (0, 0, 0))
        stroke = _colour(element.get("stroke"), None)
        width = self.width(element) if stroke else 0
        self.pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=stroke, width=width)

    def _path(self, element: ET.Element) -> None:
        fill = _colour(element.get("fill"), (0, 0, 0))
        stroke = _colour(element.get("stroke"), None)
        for points, closed in _subpaths(element.get("d") or ""):
            pixels = [self.point(x, y) for x, y in points]
            if fill is not None and closed and len(pixels) > 2:
                self.pen.polygon(pixels, fill=fill)
            if stroke is not None and len(pixels) > 1:
                ring = pixels + pixels[:1] if closed else pixels
                self.pen.line(ring, fill=stroke, width=self.width(element), joint="curve")

    def _text(self, element: ET.Element) -> None:
        text = "".join(element.itertext())
        fill = _colour(element.get("fill"), (0, 0, 0))
        if not text.strip() or fill is None:
            return
        bold = (element.get("font-weight") or "").strip() in (
            "bold",
            "bolder",
            "600",
            "700",
            "800",
            "900",
        )
        italic = (element.get("font-style") or "").strip() in ("italic", "oblique")
        family = _family(element.get("font-family")) if element.get("font-family") else self.family
        face = _FACES[(family, bold, italic)]
        font = _font(face, _number(element.get("font-size"), 16.0) * self.factor)
        anchor = _ANCHORS.get((element.get("text-anchor") or "start").strip(), "ls")
        xy = self.point(_number(element.get("x")), _number(element.get("y")))
        self.pen.text(xy, text, font=font, fill=fill, anchor=anchor)


def _dashed(start: Point, end: Point, dashes: list[float]) -> Iterator[tuple[Point, Point]]:
    """The drawn pieces of a line with this dash array (the whole line when it has none)."""
    pattern = [d for d in dashes if d > 0]
    if len(pattern) % 2:
        pattern *= 2  # SVG repeats an odd list to make it even
    length = math.dist(start, end)
    if not pattern or length == 0:
        yield start, end
        return
    dx, dy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    at, index = 0.0, 0
    while at < length:
        step = pattern[index % len(pattern)]
        if index % 2 == 0:
            stop = min(at + step, length)
            yield (
                (start[0] + dx * at, start[1] + dy * at),
                (start[0] + dx * stop, start[1] + dy * stop),
            )
        at += step
        index += 1


def _subpaths(data: str) -> Iterator[tuple[list[Point], bool]]:
    """The subpaths of path data of M, L and Z (absolute or relative): points, closed.

    A path with any other command is not drawn: a curve drawn as a polygon would be wrong.
    """
    tokens = _PATH.findall(data)
    if any(t.isalpha() and t not in "MmLlZz" for t in tokens):
        return
    points: list[Point] = []
    command, x, y = "", 0.0, 0.0
    pending: list[float] = []
    for token in tokens:
        if token in "Zz":
            if points:
                x, y = points[0]
                yield points, True
            points, command = [], ""
        elif token.isalpha():
            command, pending = token, []
        elif command:
            pending.append(float(token))
            if len(pending) < 2:
                continue
            relative = command.islower()
            x, y = (x + pending[0], y + pending[1]) if relative else (pending[0], pending[1])
            pending = []
            if command in "Mm":
                if points:
                    yield points, False
                points = []
                command = "l" if relative else "L"  # pairs after a moveto are linetos
            points.append((x, y))
    if points:
        yield points, False
