"""Hyperlinks the engine puts on cells of a sheet people edit (``<hyperlinks>`` + relationships).

Each link is a ``<hyperlink ref=... r:id=...>`` whose relationship (type hyperlink,
``TargetMode="External"``) holds the target. A cell that already has a hyperlink gets
the new one instead (the old relationship goes when nothing else uses it); every other
hyperlink keeps its bytes. :func:`file_link` makes the target for a file beside the
workbook: a relative path, so the link still works when the office folder is on a
shared drive under another letter or mount point.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from crm_office.writeback.edits import Position
from crm_office.writeback.opc import OFFICE_RELS, Relationships
from crm_office.writeback.refs import cell_ref
from crm_office.writeback.tailorder import find_child, insert_in_order
from crm_office.writeback.xmlbytes import attributes, open_tag

_HYPERLINK = re.compile(rb"""<((?:[\w.-]+:)?)hyperlink(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>"""
                        rb"""(?:(?<=/>)|.*?</\1hyperlink>)""", re.S)
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                  "/-._~!$&'()*+,;=:@")


def file_link(workbook: Path, file: Path) -> str:
    """The URI of ``file`` relative to ``workbook``'s folder, as Excel writes it.

    ASCII characters a URI cannot hold (spaces, ``#``, ``%``, ``?``) are %-escaped, as
    Excel does; letters of other scripts are kept as they are (Excel and LibreOffice
    follow such links, and a person reading the link sees the name).
    """
    try:
        relative = os.path.relpath(os.path.abspath(file), os.path.abspath(workbook.parent))
    except ValueError:  # another drive on Windows: no relative path exists
        return Path(os.path.abspath(file)).as_uri()
    text = relative.replace(os.sep, "/")
    return "".join(char if char in _SAFE or ord(char) > 127
                   else "".join(f"%{byte:02X}" for byte in char.encode()) for char in text)


def set_hyperlinks(tail: bytes, prefix: bytes, links: Mapping[Position, str],
                   rels: Relationships, rels_prefix: bytes | None) -> bytes:
    """``tail`` (from ``</sheetData>`` on) with a hyperlink to ``links[cell]`` on each cell."""
    if not links:
        return tail
    refs = {cell_ref(*cell): target for cell, target in links.items()}
    span = find_child(tail, b"hyperlinks")
    if span is not None:
        for ref in _already(tail[span[0]:span[1]], refs, rels):
            del refs[ref]
    if not refs:
        return tail
    declare = b""
    if rels_prefix is None:
        rels_prefix, declare = b"r:", b' xmlns:r="' + OFFICE_RELS.encode() + b'"'
    items = b"".join(b"<" + prefix + b'hyperlink ref="' + ref.encode() + b'"' + declare + b" "
                     + rels_prefix + b'id="' + rels.add_external("hyperlink", target).encode()
                     + b'"/>' for ref, target in sorted(refs.items()))
    if span is None:
        element = (b"<" + prefix + b"hyperlinks>" + items + b"</" + prefix + b"hyperlinks>")
        return insert_in_order(tail, prefix, b"hyperlinks", element)
    start, end = span
    block = _without(tail[start:end], set(refs), rels)
    head = open_tag(prefix, b"hyperlinks").match(block)
    if head is None:
        return tail
    if head.group(0).endswith(b"/>"):
        block = head.group(0)[:-2].rstrip() + b">" + items + b"</" + prefix + b"hyperlinks>"
    else:
        close = block.rfind(b"</")
        block = block[:close] + items + block[close:]
    return tail[:start] + block + tail[end:]


def _links(block: bytes) -> list[tuple[re.Match[bytes], str, str]]:
    """Each ``<hyperlink>`` of the block with its cell and relationship id."""
    found = []
    for match in _HYPERLINK.finditer(block):
        attrs = attributes(match.group(2))
        rid = next((value.decode() for name, value in attrs.items() if name.endswith(b":id")), "")
        found.append((match, attrs.get(b"ref", b"").decode().replace("$", "").upper(), rid))
    return found


def _already(block: bytes, refs: Mapping[str, str], rels: Relationships) -> list[str]:
    """The cells of ``refs`` whose only hyperlink already goes to the wanted target."""
    seen: dict[str, list[str]] = {}
    for _, ref, rid in _links(block):
        relation = rels.get(rid) if rid else None
        seen.setdefault(ref, []).append(relation.target if relation is not None else "")
    return [ref for ref, target in refs.items() if seen.get(ref) == [target]]


def _without(block: bytes, refs: set[str], rels: Relationships) -> bytes:
    """The ``<hyperlinks>`` block without the links of ``refs`` (their relationships go)."""
    dropped: set[str] = set()
    kept: set[str] = set()
    out, position = [], 0
    for found, ref, rid in _links(block):
        if ref in refs:
            out.append(block[position:found.start()])
            position = found.end()
            dropped.add(rid)
        else:
            kept.add(rid)
    out.append(block[position:])
    for rid in dropped - kept - {""}:
        relation = rels.get(rid)
        if relation is not None and relation.external:
            rels.remove(rid)
    return b"".join(out)

