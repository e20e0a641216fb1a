"""A real SMTP server for the tests (aiosmtpd on a free port): it keeps what arrives, parsed with
Python's `email` package, and can be told to refuse or to hang up on the next messages."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage


@dataclass
class MailHandler:
    received: list[Received] = field(default_factory=list)
    # What to do with the next messages: "accept", "refuse" (a 451 answer) or "drop" (hang up).
    mode: str = "accept"
    # Seconds to think before answering a message (a slow server); a message whose client hung up
    # meanwhile is not kept, as a server does not deliver what it did not acknowledge.
    delay: float = 0.0
    url: str = ""  # the SMTP_URL that reaches it, once started

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
            if server.transport is None or server.transport.is_closing():
                return "421 gone (test server)"
        if self.mode == "refuse":
            return "451 4.3.0 Try again later (test server)"
        if self.mode == "drop":
            server.transport.close()
            return "421 closing (test server)"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.envelope_to]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[MailHandler, str]]:
    """The handler and the SMTP_URL that reaches it."""
    handler = MailHandler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, f"smtp+plain://127.0.0.1:{port}"
    finally:
        controller.stop()
