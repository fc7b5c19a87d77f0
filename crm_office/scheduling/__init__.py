"""The scheduler of ``crm-office serve``: when each job is due, the run journal, the loop."""
