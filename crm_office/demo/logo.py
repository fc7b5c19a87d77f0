"""The demo office's logo (``templates/logo.png``): a small picture drawn by code, same bytes
on every run, so the shipped templates show where an office's own logo goes."""

from __future__ import annotations

import struct
import zlib

WIDTH, HEIGHT = 360, 120
NAVY, SKY, WHITE = (0x1F, 0x3A, 0x5F), (0x8F, 0xB3, 0xD9), (0xFF, 0xFF, 0xFF)
_CENTRE, _RADIUS = (60, 60), 52
_GUSTS = ((36, 46, 30, 96), (55, 65, 20, 104), (74, 84, 30, 92))
"""White gusts of wind across the circle: (top, bottom, left, right) in pixels."""
_BARS = ((40, 58, 132, 348, NAVY), (70, 80, 132, 300, SKY))


def logo_png() -> bytes:
    """A 360×120 PNG: a navy circle with three gusts of wind and two bars beside it."""
    rows = b"".join(b"\x00" + bytes(channel for x in range(WIDTH) for channel in _colour(x, y))
                    for y in range(HEIGHT))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    dpi = struct.pack(">IIB", 5669, 5669, 1)  # 144 dots per inch
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"pHYs", dpi)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def _colour(x: int, y: int) -> tuple[int, int, int]:
    dx, dy = x - _CENTRE[0], y - _CENTRE[1]
    if dx * dx + dy * dy <= _RADIUS * _RADIUS:
        gust = any(top <= y < bottom and left <= x < right
                   for top, bottom, left, right in _GUSTS)
        return WHITE if gust else NAVY
    for top, bottom, left, right, colour in _BARS:
        if top <= y < bottom and left <= x < right:
            return colour
    return WHITE


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
