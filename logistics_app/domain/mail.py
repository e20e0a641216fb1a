"""E-mail about a schedule's changes: the digest one recipient gets after a publication, with an
iMIP part (RFC 6047) per item, so that the recipient's calendar updates the entry itself.

Plain Python: lines and feed entries in, an `email.message.EmailMessage` out.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, parseaddr

from icalendar import Calendar, vCalAddress

from logistics_app.domain.feeds import PRODID, FeedEntry, serialize, vevent
from logistics_app.domain.vtimezone import vtimezone
from logistics_app.models.enums import ItemStatus
from logistics_app.timeutil import to_local

REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class DigestLine:
    """One change as the recipient reads it: its label ("Cambió de horario"), the item, before, after."""

    label: str
    title: str
    before: str = ""
    after: str = ""

    @property
    def change(self) -> str:
        """ "before → after", or whichever of the two there is."""
        return f"{self.before} → {self.after}" if self.before and self.after else self.after or self.before

    def text(self) -> str:
        return f"{self.label}: {self.title}" + (f" ({self.change})" if self.change else "")


@dataclass(frozen=True)
class Digest:
    """Everything one message says; `footer` tells why the recipient gets it."""

    subject: str
    greeting: str
    intro: str
    lines: tuple[DigestLine, ...]
    link_label: str
    link: str
    footer: str
    unsubscribe_label: str = ""
    unsubscribe: str = ""  # the one-click link (RFC 8058), also in the message's headers

    def text(self) -> str:
        changes = "\n".join(f"- {line.text()}" for line in self.lines)
        leave = f"\n{self.unsubscribe_label}: {self.unsubscribe}" if self.unsubscribe else ""
        body = f"{self.greeting}\n\n{self.intro}\n\n{changes}\n\n{self.link_label}: {self.link}"
        return f"{body}\n\n-- \n{self.footer}{leave}\n"

    def html(self) -> str:
        e = html.escape

        def item(line: DigestLine) -> str:
            detail = f'<br><span style="color:#555">{e(line.change)}</span>' if line.change else ""
            return f"<li><strong>{e(line.label)}</strong>: {e(line.title)}{detail}</li>"

        leave = (
            f' <a href="{e(self.unsubscribe, quote=True)}">{e(self.unsubscribe_label)}</a>' if self.unsubscribe else ""
        )
        return (
            '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">'
            f"<p>{e(self.greeting)}</p><p>{e(self.intro)}</p><ul>{''.join(map(item, self.lines))}</ul>"
            f'<p><a href="{e(self.link, quote=True)}">{e(self.link_label)}</a></p>'
            f'<hr><p style="color:#555;font-size:small">{e(self.footer)}{leave}</p></body></html>'
        )


def one_line(text: str) -> str:
    """A header's text: a title typed with a line break must not break the message."""
    return " ".join(text.split())


def single_address(text: str) -> str | None:
    """The one e-mail address a field holds, lower-case, or None: not two addresses, no name, no
    spaces or line breaks, a dot in the domain."""
    address = text.strip().lower()
    name, parsed = parseaddr(address)
    local, _, domain = parsed.rpartition("@")
    if name or parsed != address or not local or "." not in domain or len(address) > 254:
        return None
    if any(ch.isspace() or ch in ',;<>"()[]' for ch in address):
        return None
    return address


def method_for(entry: FeedEntry) -> str:
    """CANCEL for a cancelled item, REQUEST (add or update) for any other."""
    return CANCEL if entry.status == ItemStatus.CANCELLED else REQUEST


def itip(entry: FeedEntry, *, organizer: str, attendee: str) -> bytes:
    """The item as an iTIP object (RFC 5546): the same UID and SEQUENCE as in the feeds, so a
    calendar that has the entry (from an invitation or a subscription) updates it."""
    method = method_for(entry)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if not entry.all_day:
        first, last = to_local(entry.start, entry.zone).date(), to_local(entry.end, entry.zone).date()
        cal.add_component(vtimezone(entry.zone, first - timedelta(days=1), last + timedelta(days=1)))
    event = vevent(entry)
    name, address = parseaddr(organizer)
    event.add("organizer", _address(address, name))
    guest = _address(attendee, "")
    guest.params["ROLE"] = "REQ-PARTICIPANT"
    if method == REQUEST:
        guest.params["PARTSTAT"] = "NEEDS-ACTION"
        guest.params["RSVP"] = "FALSE"
    event.add("attendee", guest)
    cal.add_component(event)
    return serialize(cal)


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    return address


@dataclass(frozen=True)
class CalendarPart:
    method: str
    uid: str
    ics: str


def message(
    *,
    subject: str,
    text: str,
    html_text: str,
    sender: str,
    recipient: str,
    recipient_name: str,
    message_id: str,
    calendars: Sequence[CalendarPart] = (),
    unsubscribe: str = "",
) -> EmailMessage:
    """A message in plain text and HTML, with its calendar parts. One item's part goes
    inline (text/calendar beside the text, as invitations are sent); several go as attachments,
    one iCalendar object per item, as RFC 5546 asks."""
    mail = EmailMessage()
    mail["Subject"] = one_line(subject)
    mail["From"] = sender
    mail["To"] = formataddr((one_line(recipient_name), recipient)) if recipient_name.strip() else recipient
    mail["Message-ID"] = message_id
    mail["Auto-Submitted"] = "auto-generated"
    if unsubscribe:  # one click in the mail program, without opening a page (RFC 8058)
        mail["List-Unsubscribe"] = f"<{unsubscribe}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(text)
    mail.add_alternative(html_text, subtype="html")
    if len(calendars) == 1:
        part = calendars[0]
        mail.add_alternative(part.ics, subtype="calendar", params={"method": part.method})
    else:
        for number, part in enumerate(calendars, 1):
            mail.add_attachment(
                part.ics.encode(),
                maintype="text",
                subtype="calendar",
                filename=f"{number:02d}-{part.method.lower()}.ics",
                params={"method": part.method, "charset": "utf-8"},
            )
    return mail


def notice(*, subject: str, text: str, sender: str, recipient: str) -> EmailMessage:
    """A plain-text message about the recipient's own account (a reset link): nobody opts out of these."""
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = one_line(subject), sender, recipient
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(text)
    return mail


def paragraphs_html(text: str) -> str:
    """Plain text as a simple HTML body: paragraphs at blank lines, line breaks kept, links live."""
    e = html.escape

    def line(part: str) -> str:
        return f'<a href="{e(part, quote=True)}">{e(part)}</a>' if part.startswith(("https://", "http://")) else e(part)

    blocks = ("<br>".join(line(row) for row in block.splitlines()) for block in text.strip().split("\n\n"))
    return (
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">'
        + "".join(f"<p>{block}</p>" for block in blocks)
        + "</body></html>"
    )


def with_note(note: str, text: str, html_text: str) -> tuple[str, str]:
    """The message's text and HTML with the organizer's note before them (nothing when empty)."""
    if not note.strip():
        return text, html_text
    paragraphs = "".join(f"<p>{html.escape(block)}</p>" for block in note.strip().split("\n\n"))
    marker = '<body style="font-family:sans-serif;line-height:1.5">'
    return f"{note.strip()}\n\n{text}", html_text.replace(marker, marker + paragraphs + "<hr>", 1)
