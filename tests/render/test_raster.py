"""dbq's timeline SVG as a PNG, for the Word copies (dbq/render/raster.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dbq.render.raster import svg_png

TINY_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">
<title>A tiny picture</title>
<rect x="0" y="0" width="10" height="10" fill="#ececec"/>
<line x1="10" y1="20" x2="90" y2="20" stroke="#111" stroke-width="2"/>
<line x1="10" y1="30" x2="90" y2="30" stroke="#111" stroke-width="1" stroke-dasharray="10 10"/>
<path d="M60 2 L70 2 L65 12 Z" fill="#111"/>
<circle cx="20" cy="8" r="3" fill="#111"/>
<text x="50" y="38" font-size="8" text-anchor="middle" font-weight="bold">Hi there</text>
<blink x="0" y="0">an element dbq never writes</blink>
<path d="M0 0 C 10 10 20 20 30 30" stroke="#111"/>
</svg>"""


def test_the_rasterizer_draws_dbqs_svg_at_three_times_its_size() -> None:
    png, size = svg_png(TINY_SVG, 3.0)
    assert png == svg_png(TINY_SVG, 3.0)[0]  # same SVG, same bytes
    image = Image.open(io.BytesIO(png)).convert("L")
    assert size == image.size == (300, 120)
    assert image.info["dpi"][0] == pytest.approx(216, abs=0.1)

    def dark(x: float, y: float) -> bool:
        return image.getpixel((round(x * 3), round(y * 3))) < 100

    assert all(dark(x, 20) for x in (12, 50, 88))  # the line
    assert not dark(50, 15) and not dark(50, 25) and not dark(5, 38)
    assert 220 < image.getpixel((12, 12)) < 245  # the grey square
    assert dark(15, 30) and not dark(25, 30) and dark(35, 30)  # dashes
    assert dark(65, 5) and not dark(61, 11)  # inside the triangle, outside it
    assert dark(20, 8)  # the dot
    text = image.crop((round(30 * 3), round(31 * 3), round(70 * 3), round(40 * 3)))
    assert text.getextrema()[0] < 60  # the words are drawn, centred on x=50
    assert image.crop((0, 93, 60, 120)).getextrema()[0] > 200  # … and not far left of it
    assert not dark(25, 25)  # the curve is left out, not drawn as a polygon
