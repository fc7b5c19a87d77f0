"""Canonical text of a field value (defined once, in :mod:`crm_office.model.canonical`)."""

from crm_office.model.canonical import canonical, canonical_decimal

__all__ = ["canonical", "canonical_decimal"]
