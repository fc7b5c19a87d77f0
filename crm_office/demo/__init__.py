"""The demo office that `crm-office init` creates: config, workbooks and templates."""
