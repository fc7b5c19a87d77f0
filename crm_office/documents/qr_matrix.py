"""segno's QR matrix for a payload, with the layout of each version worked out once.

With a fixed mask, a QR code is a fixed picture (finder, timing and alignment
patterns, format and version information, the mask over an all-zero message) with
the message's bits flipped at fixed places. segno works all of that out for every
code (3.4 ms for an invoice's payment QR); here segno encodes the message (its bits
and error correction) and each version's picture and bit places are taken from segno
once per process. The first code of each version is also made by ``segno.make_qr``
and compared: on any difference this module steps aside and segno makes every code.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)
MASK = 0
_MARK = 1000
"""Placing numbers from here shows where each bit of the message goes."""


@dataclass(frozen=True)
class _Layout:
    width: int
    base: bytes
    places: tuple[int, ...]


_LAYOUTS: dict[int, _Layout] = {}
_checked: set[int] = set()
_trusted = True


def qr_matrix(payload: str) -> list[bytearray]:
    """The rows of the QR code of ``payload`` (error correction M, mask 0, UTF-8)."""
    global _trusted
    import segno

    if _trusted:
        encoder, consts = _segno()
        segments = encoder.prepare_data(payload, None, "utf-8")
        version = encoder.find_version(segments, consts.ERROR_LEVEL_M, eci=False, micro=False)
        rows = _place(version, _message(encoder, consts, segments, version))
        if version in _checked:
            return rows
        made = segno.make_qr(payload, error="m", mask=MASK, boost_error=False,
                             encoding="utf-8")
        if [bytes(row) for row in made.matrix] == [bytes(row) for row in rows]:
            _checked.add(version)
            return rows
        log.warning("QR codes: the cached layout differs from segno's; segno makes them")
        _trusted = False
    code = segno.make_qr(payload, error="m", mask=MASK, boost_error=False, encoding="utf-8")
    return [bytearray(row) for row in code.matrix]


def _segno() -> tuple[Any, Any]:
    """segno's encoder (its steps, not its public interface: pinned segno 1.6) and tables."""
    from segno import consts, encoder

    return encoder, consts


def _message(encoder: Any, consts: Any, segments: Any, version: int) -> Any:
    """The final message's bits (data and error correction), as segno's ``_encode`` and
    ``make_final_message`` make them; the error correction a block at a time with one
    precomputed product row a byte (segno multiplies term by term)."""
    import numpy

    error = consts.ERROR_LEVEL_M
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    data = numpy.packbits(numpy.frombuffer(bytes(buff.getbits()), numpy.uint8)).tobytes()
    data_blocks, error_blocks, start = [], [], 0
    for info in consts.ECC[version][error]:
        count = info.num_total - info.num_data
        table = _products(consts, count)
        for _ in range(info.num_blocks):
            block = data[start:start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            error_blocks.append(_remainder(block, table, count))
    message = bytes(_interleave(data_blocks) + _interleave(error_blocks))
    return numpy.unpackbits(numpy.frombuffer(message, numpy.uint8))


def _interleave(blocks: list[bytes]) -> bytearray:
    return bytearray(value for column in itertools.zip_longest(*blocks) for value in column
                     if value is not None)


_PRODUCTS: dict[int, tuple[int, ...]] = {}


def _products(consts: Any, count: int) -> tuple[int, ...]:
    """Per byte value c: c times the generator polynomial (its ``count`` low terms), as
    one integer of ``count`` bytes, so a division step is one XOR."""
    if count not in _PRODUCTS:
        gen, log, exp = consts.GEN_POLY[count], consts.GALIOS_LOG, consts.GALIOS_EXP
        rows = [0]
        for coef in range(1, 256):
            rows.append(int.from_bytes(bytes(exp[log[coef] + gen[n]] for n in range(count)),
                                        "big"))
        _PRODUCTS[count] = tuple(rows)
    return _PRODUCTS[count]


def _remainder(block: bytes, table: tuple[int, ...], count: int) -> bytes:
    """The ``count`` error correction bytes of ``block``: the division's remainder."""
    mask = (1 << (8 * count)) - 1
    shift = 8 * (count - 1)
    rest = 0
    for value in block:
        coef = value ^ (rest >> shift)
        rest = ((rest << 8) & mask) ^ table[coef]
    return rest.to_bytes(count, "big")


def _place(version: int, bits: Any) -> list[bytearray]:
    """Flip the message's bits into the version's picture (remainder bits are zeros)."""
    import numpy

    layout = _LAYOUTS.get(version) or _layout(version)
    flat = numpy.frombuffer(layout.base, numpy.uint8).copy()
    flat[numpy.asarray(layout.places[:len(bits)])] ^= bits
    width = layout.width
    return [bytearray(row) for row in flat.reshape(width, width)]


def _layout(version: int) -> _Layout:
    """The picture of an all-zero message, and where each bit of a message goes."""
    encoder, consts = _segno()
    width = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    free = sum(row.count(0x2) for row in matrix)
    marked = [list(row) for row in matrix]
    encoder.add_codewords(marked, range(_MARK, _MARK + free), version)
    places = [0] * free
    for i, row in enumerate(marked):
        for j, value in enumerate(row):
            if value >= _MARK:
                places[value - _MARK] = i * width + j
    encoder.add_codewords(matrix, bytes(free), version)
    _mask, matrix = encoder.find_and_apply_best_mask(matrix, width, width, MASK)
    encoder.add_format_info(matrix, version, consts.ERROR_LEVEL_M, MASK)
    encoder.add_version_info(matrix, version)
    layout = _Layout(width, b"".join(bytes(row) for row in matrix), tuple(places))
    _LAYOUTS[version] = layout
    return layout
