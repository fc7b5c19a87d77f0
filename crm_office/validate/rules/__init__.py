"""The validation rules, one per module."""
