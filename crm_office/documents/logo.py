"""The office's logo (``[office] logo``, a PNG or JPEG file) as templates print it: ``{{ logo }}``.

The picture is read once per run; its width on the page is :data:`LOGO_WIDTH_MM`, its
height follows the picture's proportions (as docxtpl's ``InlineImage`` scales it). A
file that is missing or not a PNG/JPEG picture is a :class:`DocumentError` saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crm_office.catalogue import say
from crm_office.errors import DocumentError

LOGO_FIELD = "logo"
LOGO_WIDTH_MM = 40
LOGO_RID = "rIdCrmLogo"
_EMU_PER_MM = 36_000
_KINDS = {"image/png": "png", "image/jpeg": "jpeg"}


@dataclass(frozen=True)
class Logo:
    """The picture's bytes, its content type, and its size on the page (EMU)."""

    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return _KINDS[self.content_type]

    @property
    def part(self) -> str:
        """Where the fast render path stores it in a document package."""
        return f"word/media/crm_logo.{self.extension}"


def logo_path(templates: Path, logo: str) -> Path | None:
    """The configured logo file (relative to the templates folder); None when there is none."""
    if not logo.strip():
        return None
    path = Path(logo.strip()).expanduser()
    return path if path.is_absolute() else templates / path


def read_logo(path: Path, locale: str = "en") -> Logo:
    """The logo at ``path``; DocumentError (in ``locale``) when it is missing or not a PNG
    or JPEG picture."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    hint = say("document.logo.hint", locale)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(say("document.logo.missing", locale, file=str(path)),
                            hint=hint) from exc
    try:
        image = Image.from_blob(data)
        kind = image.content_type
        width, height = image.scaled_dimensions(LOGO_WIDTH_MM * _EMU_PER_MM)
    except (UnrecognizedImageError, ValueError, ZeroDivisionError, KeyError) as exc:
        raise DocumentError(say("document.logo.not-picture", locale, file=str(path)),
                            hint=hint) from exc
    if kind not in _KINDS:
        raise DocumentError(say("document.logo.not-picture", locale, file=str(path)), hint=hint)
    return Logo(data, kind, int(width), int(height))


def office_logo(templates: Path, logo: str, locale: str = "en") -> Logo | None:
    """The office's logo, read (None when ``[office] logo`` is empty)."""
    path = logo_path(templates, logo)
    return read_logo(path, locale) if path is not None else None
