"""The set of parts a write-back replaces, adds and removes, plus what it expects to read."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_office.writeback.edits import Position
from crm_office.writeback.opc import CONTENT_TYPES, ContentTypes
from crm_office.writeback.package import SourcePackage, unused_name
from crm_office.writeback.values import CellValue
from crm_office.writeback.zipwriter import DeflateSpool, deflate_bytes

NewPart = bytes | DeflateSpool


@dataclass
class Changes:
    """Parts by name: new content for existing ones, new ones, and ones to drop."""

    source: SourcePackage
    content_types: ContentTypes
    replaced: dict[str, NewPart] = field(default_factory=dict)
    added: dict[str, NewPart] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    expected: dict[str, dict[Position, CellValue]] = field(default_factory=dict)
    sheet_parts: dict[str, str] = field(default_factory=dict)
    cells_written: int = 0
    marks_added: int = 0
    marks_removed: int = 0
    date1904: bool = False

    @classmethod
    def start(cls, source: SourcePackage) -> Changes:
        return cls(source, ContentTypes(source.read(CONTENT_TYPES)))

    def put(self, part: str, content: NewPart) -> None:
        """New content for ``part``: replaces it when it exists, else adds it."""
        self.removed.discard(part)
        if self.source.has(part):
            self.replaced[part] = content
        else:
            self.added[part] = content

    def current(self, part: str) -> bytes | None:
        """The content of ``part`` as this write-back will leave it (small parts only)."""
        content = self.replaced.get(part, self.added.get(part))
        if isinstance(content, bytes):
            return content
        if part in self.removed or content is not None:
            return None
        return self.source.read_or_none(part)

    def remove(self, part: str) -> None:
        self.replaced.pop(part, None)
        self.added.pop(part, None)
        if self.source.has(part):
            self.removed.add(part)

    def new_name(self, pattern: str) -> str:
        names = {info.filename for info in self.source.infos} | set(self.added)
        return unused_name(names, pattern)

    def finish(self) -> None:
        """Write the content types back when they changed."""
        if self.content_types.changed:
            self.put(CONTENT_TYPES, self.content_types.to_bytes())

    @property
    def empty(self) -> bool:
        return not (self.replaced or self.added or self.removed)

    @property
    def part_names(self) -> list[str]:
        """Rewritten and added parts, in package order."""
        order = [info.filename for info in self.source.infos if info.filename in self.replaced]
        return order + list(self.added)

    def spool(self, part: str) -> DeflateSpool:
        """The deflated content of a replaced or added part."""
        content = self.replaced.get(part, self.added.get(part))
        if content is None:
            raise KeyError(part)
        if isinstance(content, bytes):
            content = deflate_bytes(content)
            (self.replaced if part in self.replaced else self.added)[part] = content
        return content

    def close(self) -> None:
        for content in [*self.replaced.values(), *self.added.values()]:
            if isinstance(content, DeflateSpool):
                content.close()
