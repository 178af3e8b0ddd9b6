"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the tests, which records
what it received and can be told to answer with an error."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    # Answer DATA with this instead of accepting (e.g. "451 4.3.0 Try later").
    answer: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd API
        if self.answer:
            return self.answer
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


@dataclass
class MailServer:
    handler: Handler
    port: int

    @property
    def received(self) -> list[Received]:
        return self.handler.received


@pytest.fixture
def mail_server(app) -> Iterator[MailServer]:  # type: ignore[no-untyped-def]
    """A running SMTP server; the app is configured to send to it."""
    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY="none")
    try:
        yield MailServer(handler, port)
    finally:
        controller.stop()
