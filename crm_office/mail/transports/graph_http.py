"""The Graph adapter's boundary with requests and msal: every answer and exception of theirs
becomes a mail error here (429/503 with Retry-After → retry; 401/403 → setup; 4xx → this
message refused; a connection lost while a message is being sent → uncertain)."""

from __future__ import annotations

from typing import Any

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
        raise MailSetupError(f"cannot get a token from Microsoft identity: {exc}",
                             transport=NAME, reason="unreachable",
                             hint="check mail.graph.authority and the network") from exc
    if "access_token" not in result:
        raise MailSetupError(f"Microsoft identity refused the app: {result.get('error')}: "
                             f"{result.get('error_description', '')}".strip(), transport=NAME,
                             reason="auth", hint="check mail.graph.tenant_id, client_id and "
                             "the client secret in its environment variable")
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
            raise MailUncertainError(f"the connection to Graph broke while sending to "
                                     f"{sending.to}: {exc}", transport=NAME,
                                     reason="uncertain") from exc
        raise MailRetryError(f"cannot reach Graph: {exc}", transport=NAME,
                             reason="unreachable") from exc
    _check(answer, sending)
    return answer


def _check(answer: Any, sending: OutgoingMessage | None) -> None:
    status = answer.status_code
    if status < 400:
        return
    text = answer.text[:300]
    if status in (429, 503, 504):
        after = answer.headers.get("Retry-After")
        raise MailRetryError(f"Graph asks to wait ({status})", transport=NAME,
                             retry_after=float(after) if after and after.isdigit() else None,
                             reason=f"http-{status}")
    if status in (401, 403):
        raise MailSetupError(f"Graph refused the app ({status}): {text}", transport=NAME,
                             reason="auth", hint="grant the app the Mail.Send application "
                             "permission (and Mail.Read for Sent Items) with admin consent")
    if status >= 500:
        raise MailRetryError(f"Graph failed ({status}): {text}", transport=NAME,
                             reason=f"http-{status}")
    who = f" to {sending.to}" if sending is not None else ""
    raise MailRejectedError(f"Graph refused the message{who} ({status}): {text}",
                            transport=NAME, reason=f"http-{status}")
