"""Mailings: campaigns sent through a transport (outbox, smtp, exchange, graph), never twice.

The commands as library calls (each returns a report whose ``to_dict()`` is the JSON)::

    from crm_office.mail.operation import preview_campaign, send_campaign, send_test
    from crm_office.mail.fetch import fetch_mail
    from crm_office.mail.requests_column import carry_out_requests

The store, SQLAlchemy and the transports' libraries load only when these are used.
"""
