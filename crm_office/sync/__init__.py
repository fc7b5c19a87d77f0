"""Sync: three-way merge of records, computed (engine-owned) columns, lead distribution.

The modules here are pure: plain Python data in, plain Python data out.
"""
