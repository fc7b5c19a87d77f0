"""The one way the engine writes into workbooks that people edit: a surgical write-back.

The .xlsx package is patched, not re-saved: only the parts that change are
rewritten (the target sheet streamed row by row, styles when a new style is
needed, the sheet's notes and their wiring), every other member is copied byte
for byte. The file is replaced atomically after the result was verified, with a
backup kept, and never while someone has it open or after it changed on disk.

    patch = WorkbookPatch(path, stamp)          # stamp: FileStamp taken when it was read
    clients = patch.sheet("Clients")
    clients.set_cell(5, 3, "Acme Ltd")
    clients.clear_marks()
    clients.mark(Mark(7, 4, "E-mail is not valid"))
    clients.add_dropdown(9, ["offer", "invoice"], first_row=2)   # a list data validation
    clients.set_link(5, 10, "INV-1.docx", file_link(path, document))  # a hyperlink
    patch.replace_sheet("Issues", ["Sheet", "Cell", "Problem"], rows)
    result = write_back(patch, backups=office / ".backups")

Operations do not call ``write_back`` themselves: they hand patches (or whole
engine-made workbooks) to an :class:`OfficeWriter` (``service``), which writes them
and reports each file as written, unchanged or skipped with the reason.

Modules, one job each: ``patch`` (what to change), ``build`` (which parts change),
``splice``/``rowedit`` (streaming the sheet), ``styles``, ``comments``/``vml``/
``notes`` (marks), ``ranges``/``tables`` (autofilters, tables, dropdowns and
conditional formats that grow with appended rows and engine columns),
``validations``/``hyperlinks``/``tailorder`` (dropdowns and links a patch adds, where
the worksheet schema wants them),
``enginesheet`` (engine-owned sheets), ``assemble``/
``zipwriter`` (the new package), ``verify``/``readback`` (the check),
``atomic``/``locks``/``stamp`` (never losing a person's work), ``boundary``
(backend errors -> :class:`crm_office.errors.CrmOfficeError`).
"""

from crm_office.writeback.comments import ENGINE_AUTHOR, ENGINE_SIGNATURE
from crm_office.writeback.edits import LinkedCell, Mark
from crm_office.writeback.patch import SheetPatch, WorkbookPatch
from crm_office.writeback.replace import Replaced, replace_file
from crm_office.writeback.service import FileOutcome, OfficeWriter
from crm_office.writeback.stamp import FileStamp
from crm_office.writeback.styles import ENGINE_FILL_RGB
from crm_office.writeback.text import escape_text, unescape_text
from crm_office.writeback.values import CellValue
from crm_office.writeback.write import WriteResult, write_back

MARK_FILL_RGB = ENGINE_FILL_RGB
"""Another name for :data:`ENGINE_FILL_RGB` (the ARGB of the mark fill)."""

__all__ = ["ENGINE_AUTHOR", "ENGINE_FILL_RGB", "ENGINE_SIGNATURE", "MARK_FILL_RGB", "CellValue",
           "FileOutcome", "FileStamp", "LinkedCell", "Mark", "OfficeWriter", "Replaced",
           "SheetPatch", "WorkbookPatch", "WriteResult", "escape_text", "replace_file",
           "unescape_text", "write_back"]
