"""Transports: outbox (.eml files), smtp, exchange (EWS), graph (Microsoft 365)."""

from crm_office.mail.transports.base import TRANSPORTS, Transport, open_transport, register

__all__ = ["TRANSPORTS", "Transport", "open_transport", "register"]
