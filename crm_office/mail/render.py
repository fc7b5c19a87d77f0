"""Render a campaign's subject and bodies per recipient, in Jinja's sandbox.

Templates come from the office, so they run in :class:`SandboxedEnvironment` (no access to
Python internals); the HTML body is autoescaped, so a client named ``<script>`` stays text.
Every message gets the unsubscribe line (text and HTML) that needs no web server.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from crm_office.catalogue import Text, say, template
from crm_office.errors import CampaignError
from crm_office.mail.campaigns import Campaign


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class Renderer:
    """The compiled templates of one campaign."""

    def __init__(self, campaign: Campaign, locale: str, unsubscribe: str) -> None:
        from jinja2 import StrictUndefined, TemplateError
        from jinja2.sandbox import SandboxedEnvironment

        self.campaign = campaign
        self.locale = locale
        self.unsubscribe = unsubscribe
        self._errors: tuple[type[Exception], ...] = (TemplateError, ArithmeticError,
                                                     TypeError, ValueError)
        plain = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined,
                                     keep_trailing_newline=True)
        marked = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        try:
            self._subject = plain.from_string(campaign.subject)
            self._text = plain.from_string(campaign.text or template("mail.default-body", locale))
            self._html = marked.from_string(campaign.html) if campaign.html else None
        except TemplateError as exc:
            raise self._broken(exc) from exc

    def render(self, context: dict[str, Any]) -> Rendered:
        """Subject, text and HTML for one recipient (``client``, ``manager``, ``invoices``...)."""
        values = {"campaign": {"key": self.campaign.key, "name": self.campaign.name},
                  **context}
        try:
            subject = self._subject.render(values)
            body = self._text.render(values)
            markup = self._html.render(values) if self._html is not None else ""
        except self._errors as exc:
            raise self._broken(exc) from exc
        line = say("mail.unsubscribe-line", self.locale, address=self.unsubscribe) \
            if self.unsubscribe else ""
        if line:
            body = f"{body.rstrip()}\n\n--\n{line}\n"
            if markup:
                markup = _with_footer(markup, line, self.unsubscribe)
        return Rendered(subject, body, markup)

    def _broken(self, exc: Exception) -> CampaignError:
        return CampaignError(say("mail.template-broken", self.locale, campaign=self.campaign.key,
                                  detail=exc), hint=Text("mail.template-fix"))


def _with_footer(markup: str, line: str, address: str) -> str:
    link = (f'<p style="font-size:small;color:#666">{html.escape(line)} '
            f'<a href="mailto:{html.escape(address)}?subject=unsubscribe">'
            f'{html.escape(address)}</a></p>')
    closing = markup.lower().rfind("</body>")
    return markup[:closing] + link + markup[closing:] if closing >= 0 else markup + link
