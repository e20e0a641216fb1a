"""Sending e-mail through the SMTP server SMTP_URL names (Python's smtplib).

- `smtp://user:password@host:587`: STARTTLS, required (a server that does not offer it is refused);
- `smtps://user:password@host:465`: TLS from the first byte;
- `smtp+plain://host:25`: no encryption, for a relay on the same machine (and the tests' server).
User and password may also come from SMTP_USER and SMTP_PASSWORD.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 587, "smtps": 465, "smtp+plain": 25}
TIMEOUT_SECONDS = 30.0


class SmtpFailed(Exception):
    """The server refused the message or could not be reached; `str()` is its answer."""


@dataclass(frozen=True)
class SmtpTarget:
    scheme: str
    host: str
    port: int
    user: str = ""
    password: str = ""

    @classmethod
    def from_url(cls, url: str, *, user: str = "", password: str = "") -> SmtpTarget:
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"not an SMTP address (smtp://, smtps:// or smtp+plain://host): {parts.scheme}://")
        return cls(
            scheme=parts.scheme,
            host=parts.hostname,
            port=parts.port or DEFAULT_PORTS[parts.scheme],
            user=unquote(parts.username or "") or user,
            password=unquote(parts.password or "") or password,
        )


def send(target: SmtpTarget, mail: EmailMessage, *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Hands the message to the server; raises SmtpFailed with the server's answer if it is not taken."""
    try:
        if target.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                target.host, target.port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(target.host, target.port, timeout=timeout)
        with client:
            if target.scheme == "smtp":
                client.starttls(context=ssl.create_default_context())
            if target.user:
                client.login(target.user, target.password)
            refused = client.send_message(mail)
        if refused:
            raise SmtpFailed(_answers(refused))
    except smtplib.SMTPResponseException as answer:
        said = answer.smtp_error
        raise SmtpFailed(
            f"{answer.smtp_code} {said.decode(errors='replace') if isinstance(said, bytes) else said}"
        ) from None
    except smtplib.SMTPRecipientsRefused as refused_all:
        raise SmtpFailed(_answers(refused_all.recipients)) from None
    except (smtplib.SMTPException, OSError) as failure:
        raise SmtpFailed(f"{type(failure).__name__}: {failure}") from None


def _answers(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{who}: {code} {text.decode(errors='replace')}" for who, (code, text) in refused.items())
