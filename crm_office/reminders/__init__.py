"""Reminders: managers' morning lists and payment reminders to clients."""

from crm_office.reminders.run import RemindersReport, run_reminders

__all__ = ["RemindersReport", "run_reminders"]
