"""An agency's portal ("Mi agencia"): what it leads or supports, and the public programme around it.

What an agency sees is the same rule as its private feed (feeds.agency_filter), so the page and the
calendar never disagree.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from logistics_app.domain.errors import NotFound
from logistics_app.i18n import clock, long_date, long_datetime, t
from logistics_app.models import Agency, FeedKind, FeedToken, ItemSupportingAgency, User
from logistics_app.queries.feeds import agency_items
from logistics_app.services.releases import changes_since
from logistics_app.timeutil import DEFAULT_ZONE, now_utc, to_local

LIMIT = 500


def agency_by_slug(*, session: Session, slug: str) -> Agency:
    agency = session.exec(select(Agency).where(Agency.slug == slug)).first()
    if agency is None:
        raise NotFound(slug)
    return agency


def agency_names(*, session: Session, agency_id: int) -> tuple[str, str]:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(str(agency_id))
    return agency.slug, agency.name


def calendar(
    *, session: Session, agency_id: int, lang: str = "es", now: datetime | None = None
) -> list[dict[str, object]]:
    """The agency's calendar by day (archived events left out): each item with the agency's part in it."""
    now = now or now_utc()
    if session.get(Agency, agency_id) is None:
        raise NotFound(str(agency_id))
    rows = [
        (item, event, venue)
        for item, event, venue, _ in agency_items(session=session, agency_id=agency_id)
        if not event.archived
    ][:LIMIT]
    ids = [item.id for item, _, _ in rows]
    supported = set(
        session.exec(
            select(ItemSupportingAgency.item_id).where(
                ItemSupportingAgency.agency_id == agency_id, col(ItemSupportingAgency.item_id).in_(ids)
            )
        )
    )
    days: dict[str, tuple[str, list[dict[str, str]]]] = {}  # ISO day -> its label and items
    for item, event, venue in rows:
        start, end = to_local(item.start_utc, event.timezone), to_local(item.end_utc, event.timezone)
        role = "lead" if item.lead_agency_id == agency_id else "support" if item.id in supported else "public"
        _, items = days.setdefault(start.date().isoformat(), (long_date(start.date(), lang), []))
        items.append(
            {
                "uid": item.uid,
                "title": item.title,
                "time": f"{clock(start, lang)}–{clock(end, lang)}",
                "event": event.name,
                "venue": venue.name if venue else "",
                "role": role,
                "role_label": t(f"portal.role.{role}", lang),
                "status": str(item.status),
                "status_label": t(f"status.{item.status}", lang),
            }
        )
    return [{"label": label, "items": items} for label, items in days.values()]


def changes_since_last_visit(
    *, session: Session, agency_id: int, user_id: int, lang: str = "es", now: datetime | None = None, limit: int = 30
) -> list[dict[str, str]]:
    """Published changes to the agency's items since this person last opened the portal; the visit
    is then recorded, so the next one starts from here."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(str(user_id))
    uids = {item.uid for item, *_ in agency_items(session=session, agency_id=agency_id)}
    changes = changes_since(session=session, uids=uids, since=user.last_visit_at, lang=lang)[:limit]
    user.last_visit_at = now or now_utc()
    return changes


def agency_links(*, session: Session, agency_id: int, lang: str = "es") -> list[dict[str, str]]:
    """The agency's private calendar links in use, newest first: for whom, who made it, when, and
    when a calendar last read it (times in Mexico City, where the portal's people work)."""
    rows = session.exec(
        select(FeedToken, User.name)
        .join(User, col(User.id) == FeedToken.created_by, isouter=True)
        .where(FeedToken.kind == FeedKind.AGENCY, FeedToken.agency_id == agency_id, col(FeedToken.revoked_at).is_(None))
        .order_by(col(FeedToken.created_at).desc(), col(FeedToken.id).desc())
    ).all()

    def when(moment: datetime | None) -> str:
        return long_datetime(to_local(moment, DEFAULT_ZONE), lang) if moment else t("portal.link_never", lang)

    return [
        {
            "id": str(token.id),
            "label": token.label or t("portal.link_unnamed", lang),
            "who": who or "",
            "created": when(token.created_at),
            "used": when(token.last_used_at),
        }
        for token, who in rows
    ]
