"""The `crm-office` command: parse options, make one library call, render, exit."""
