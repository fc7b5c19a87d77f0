"""Offers, invoices, acts from Word templates: money, words, numbers, rendering, PDF, register.

``make_documents`` (in :mod:`crm_office.documents.make`) is the operation; the modules
around it each do one job (see README, *Documents*).
"""
