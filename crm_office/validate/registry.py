"""Every built-in rule, in the order their problems are listed."""

from __future__ import annotations

from crm_office.validate.rule import Rule
from crm_office.validate.rules.choices import ChoiceRule
from crm_office.validate.rules.date_order import DateOrderRule
from crm_office.validate.rules.deal_outcome import DealOutcomeRule
from crm_office.validate.rules.duplicates import DuplicateClientRule
from crm_office.validate.rules.email import EmailRule
from crm_office.validate.rules.formulas import FormulaRule
from crm_office.validate.rules.id_scheme import IdSchemeRule
from crm_office.validate.rules.office_rules import ConditionRule, PatternRule
from crm_office.validate.rules.payments import OverpaymentRule
from crm_office.validate.rules.phone import PhoneRule
from crm_office.validate.rules.references import ReferenceRule
from crm_office.validate.rules.required import RequiredRule
from crm_office.validate.rules.seen_values import SeenValuesRule
from crm_office.validate.rules.tax_id import TaxIdRule
from crm_office.validate.rules.text_length import TextLengthRule
from crm_office.validate.rules.tidy_text import TextDateRule, UntrimmedTextRule
from crm_office.validate.rules.unique import UniqueRule

BUILTIN_RULES: tuple[type[Rule], ...] = (
    RequiredRule, UniqueRule, ChoiceRule, EmailRule, PhoneRule, TaxIdRule, ReferenceRule,
    DealOutcomeRule, DateOrderRule, OverpaymentRule, DuplicateClientRule, FormulaRule,
    PatternRule, ConditionRule, UntrimmedTextRule, TextDateRule, SeenValuesRule, IdSchemeRule,
    TextLengthRule,
)
