"""Write the new package: every member in its old place, untouched ones copied raw."""

from __future__ import annotations

from typing import IO

from crm_office.writeback.changes import Changes
from crm_office.writeback.package import SourcePackage
from crm_office.writeback.zipwriter import PackageWriter


def assemble(source: SourcePackage, changes: Changes, out: IO[bytes]) -> None:
    """Members in the original order; added parts last; the zip comment kept."""
    writer = PackageWriter(out)
    for info in source.infos:
        name = info.filename
        if name in changes.removed:
            continue
        if name in changes.replaced:
            writer.add_spool(name, changes.spool(name), date_time=info.date_time,
                             external_attr=info.external_attr)
        else:
            writer.copy_raw(info, source.raw_chunks(info))
    for name in changes.added:
        writer.add_spool(name, changes.spool(name))
    writer.close(source.zip.comment)
