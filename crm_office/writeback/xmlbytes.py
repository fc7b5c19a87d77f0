"""Byte-level XML helpers for splicing parts without re-serialising them.

Only what the write-back needs: tags found with quote-aware patterns (``>`` may
appear inside an attribute value), attributes read and set in place, the prefix
a document uses for its main namespace, and the top-level children of a range.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crm_office.writeback.shape import PackageShapeError

_QUOTED_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""
ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
TAG = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>]*>"
                 rb"|<(/?)([\w:.-]+)(" + _QUOTED_ATTRS + rb")>", re.S)
_XMLNS = re.compile(rb"""xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def open_tag(prefix: bytes, local: bytes) -> re.Pattern[bytes]:
    """A start (or empty) tag ``<prefix:local ...>``; group 1 holds the attributes."""
    return re.compile(b"<" + re.escape(prefix) + local + rb"(?=[\s/>])(" + _QUOTED_ATTRS
                      + rb")>")


def attributes(attrs: bytes) -> dict[bytes, bytes]:
    """The attributes of a tag (values still XML-escaped)."""
    return {found.group(1): found.group(2) if found.group(2) is not None else found.group(3)
            for found in ATTR.finditer(attrs)}


def set_attribute(tag: bytes, name: bytes, value: bytes) -> bytes:
    """``tag`` (a whole start tag) with ``name="value"`` replaced or added."""
    pattern = re.compile(rb"(\s)" + re.escape(name) + rb"""\s*=\s*(?:"[^"]*"|'[^']*')""")
    replacement = b" " + name + b'="' + value + b'"'
    if pattern.search(tag):
        return pattern.sub(lambda found: found.group(1) + replacement[1:], tag, count=1)
    end = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return tag[:end].rstrip() + replacement + tag[end:]


def remove_attribute(tag: bytes, name: bytes) -> bytes:
    pattern = re.compile(rb"\s" + re.escape(name) + rb"""\s*=\s*(?:"[^"]*"|'[^']*')""")
    return pattern.sub(b"", tag, count=1)


def root_tag(data: bytes) -> re.Match[bytes]:
    """The document element's start tag."""
    for found in TAG.finditer(data):
        if found.group(2) is not None and not found.group(1):
            return found
    raise PackageShapeError("no root element")


def namespaces(tag: bytes) -> dict[bytes, bytes]:
    """Prefix -> URI declared on a tag (b"" is the default namespace)."""
    return {(found.group(1) or b""): (found.group(2) if found.group(2) is not None
                                      else found.group(3))
            for found in _XMLNS.finditer(tag)}


def prefix_of(tag: re.Match[bytes]) -> bytes:
    """``b"x:"`` for ``<x:worksheet ...>``, ``b""`` for ``<worksheet ...>``."""
    name = tag.group(2)
    return name.rpartition(b":")[0] + b":" if b":" in name else b""


def prefix_for(declared: dict[bytes, bytes], uri: bytes) -> bytes | None:
    """The prefix (with colon) bound to ``uri``, None when it is not declared."""
    for prefix, bound in declared.items():
        if bound == uri and prefix:
            return prefix + b":"
    return None


@dataclass(frozen=True)
class Child:
    """A top-level element found in a range: its local name and byte span."""

    local: bytes
    start: int
    end: int


def children(data: bytes, start: int, end: int) -> Iterator[Child]:
    """Elements at depth 0 in ``data[start:end]`` (comments and PIs skipped)."""
    depth, opened, local = 0, 0, b""
    for found in TAG.finditer(data, start, end):
        name = found.group(2)
        if name is None:
            continue
        closing, empty = bool(found.group(1)), found.group(3).endswith(b"/")
        if closing:
            depth -= 1
            if depth == 0:
                yield Child(local, opened, found.end())
            elif depth < 0:
                return
        elif empty:
            if depth == 0:
                yield Child(name.rpartition(b":")[2], found.start(), found.end())
        else:
            if depth == 0:
                opened, local = found.start(), name.rpartition(b":")[2]
            depth += 1
