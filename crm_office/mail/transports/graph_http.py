"""The Graph adapter's boundary with requests and msal: every answer and exception of theirs
becomes a mail error here (429/503 with Retry-After → retry; 401/403 → setup; 4xx → this
message refused; a connection lost while a message is being sent → uncertain)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from crm_office.catalogue import Text
from crm_office.errors import (
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.message import OutgoingMessage

NAME = "graph"
SCOPE = "https://graph.microsoft.com/.default"


def token(app: Any) -> str:
    """An app-only access token (msal caches it until it expires)."""
    import requests

    try:
        result = app.acquire_token_for_client(scopes=[SCOPE])
    except (requests.RequestException, ValueError) as exc:
        raise MailSetupError(Text("mail.error.token", host=_authority(app), reason=str(exc)),
                             transport=NAME, reason="unreachable",
                             hint=Text("mail.hint.network", key="mail.graph.authority")) from exc
    if "access_token" not in result:
        said = f"{result.get('error')}: {result.get('error_description', '')}".strip()
        raise MailSetupError(Text("mail.error.auth", host=_authority(app), reason=said),
                             transport=NAME, reason="auth",
                             hint=Text("mail.hint.login", key="mail.graph.client_id"))
    return str(result["access_token"])


def call(session: Any, method: str, url: str, *, headers: dict[str, str],
         sending: OutgoingMessage | None, **options: Any) -> dict[str, Any]:
    """One Graph request; its JSON answer ({} when there is none)."""
    answer = call_raw(session, method, url, headers=headers, sending=sending, **options)
    if not answer.content:
        return {}
    try:
        data: dict[str, Any] = answer.json()
    except ValueError:
        return {}
    return data


def call_raw(session: Any, method: str, url: str, *, headers: dict[str, str],
             sending: OutgoingMessage | None, **options: Any) -> Any:
    """One Graph request; the checked response (e.g. a message's MIME from ``/$value``)."""
    import requests

    try:
        answer = session.request(method, url, headers=headers, timeout=60, **options)
    except requests.RequestException as exc:
        if sending is not None:
            raise MailUncertainError(Text("mail.error.uncertain", host=_host(url),
                                          address=sending.to, reason=str(exc)),
                                     transport=NAME, reason="uncertain") from exc
        raise MailRetryError(Text("mail.error.unreachable", host=_host(url), reason=str(exc)),
                             transport=NAME, reason="unreachable") from exc
    _check(answer, url, sending)
    return answer


def _check(answer: Any, url: str, sending: OutgoingMessage | None) -> None:
    status, host = answer.status_code, _host(url)
    if status < 400:
        return
    text = _said(answer)
    if status in (429, 503, 504):
        after = answer.headers.get("Retry-After")
        raise MailRetryError(Text("mail.error.throttled", host=host, reason=text or status),
                             transport=NAME,
                             retry_after=float(after) if after and after.isdigit() else None,
                             reason=f"http-{status}", hint=Text("mail.hint.later"))
    if status in (401, 403):
        raise MailSetupError(Text("mail.error.app-refused", host=host, status=status,
                                  reason=text), transport=NAME, reason="auth",
                             hint=Text("mail.hint.graph-permission", send="Mail.Send",
                                       read="Mail.Read"))
    if status >= 500:
        raise MailRetryError(Text("mail.error.server-failed", host=host, status=status,
                                  reason=text), transport=NAME, reason=f"http-{status}",
                             hint=Text("mail.hint.later"))
    mailbox = _USER.search(urlsplit(url).path)
    if status == 404 and mailbox and _code(answer) in NO_MAILBOX:
        raise MailSetupError(Text("mail.error.mailbox-not-found",
                                  mailbox=unquote(mailbox.group(1)), host=host, reason=text),
                             transport=NAME, reason="no-mailbox",
                             hint=Text("mail.hint.mailbox", key="mail.graph.mailbox"))
    who = Text("mail.error.to", address=sending.to) if sending is not None else ""
    raise MailRejectedError(Text("mail.error.refused-status", host=host, to=who, status=status,
                                 reason=text), transport=NAME, reason=f"http-{status}")


NO_MAILBOX = ("ErrorInvalidUser", "ResourceNotFound", "MailboxNotEnabledForRESTAPI",
              "ErrorNonExistentMailbox")
"""Graph's error codes for a user or mailbox that does not exist (404)."""
_USER = re.compile(r"/users/([^/]+)")


def _code(answer: Any) -> str:
    try:
        return str(json.loads(answer.text).get("error", {}).get("code", ""))
    except (ValueError, AttributeError):
        return ""


def _said(answer: Any) -> str:
    """The server's own words: Graph's error message, else the start of the body."""
    try:
        error = json.loads(answer.text).get("error", {})
        return str(error.get("message") or error.get("code") or "")[:300]
    except (ValueError, AttributeError):
        return str(answer.text[:300])


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _authority(app: Any) -> str:
    """The identity platform's host the app asks for tokens (msal's authority)."""
    endpoint = getattr(getattr(app, "authority", None), "token_endpoint", "")
    return _host(str(endpoint)) if endpoint else "Microsoft Entra"
