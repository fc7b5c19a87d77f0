"""Values as the store keeps them, and the key text is compared by."""

from __future__ import annotations

from crm_office.model.canonical import canonical

__all__ = ["canonical", "text_key"]


def text_key(text: str) -> str:
    """Compare text ignoring case, surrounding and repeated spaces, ё/е."""
    return " ".join(text.split()).casefold().replace("ё", "е")
