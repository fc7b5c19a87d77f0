"""Load config.toml into frozen dataclasses; errors name the key path, with a hint."""

from crm_office.config.loader import load_config
from crm_office.config.model import Config, Funnel, Office, Secret, Source, Stage, TableConfig

__all__ = ["Config", "Funnel", "Office", "Secret", "Source", "Stage", "TableConfig",
           "load_config"]
