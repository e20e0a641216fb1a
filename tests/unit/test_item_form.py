"""The item editor's form: people ("12:presenter,15:nominee") and supporting agencies ("3,7")
read back as they were written, each once; anything else is an error on its field."""

from __future__ import annotations

from logistics_app.domain.forms import form_of_item, item_from_form
from logistics_app.models.enums import ParticipantRole
from tests.factories import an_item

ZONE = "America/Mexico_City"


def _read(**fields: str) -> tuple[object, dict[str, str]]:
    form = {**form_of_item(an_item(), ZONE), **fields}
    data, errors = item_from_form(form, ZONE, base=None, space_venue_id=None, main_venue_id=None)
    return data, {e.field: e.code for e in errors}


def test_people_and_supporting_agencies_round_trip() -> None:
    item = an_item(
        supporting_agency_ids=(3, 7), participants=((12, ParticipantRole.PRESENTER), (15, ParticipantRole.NOMINEE))
    )
    form = form_of_item(item, ZONE)
    assert (form["supporting"], form["people"]) == ("3,7", "12:presenter,15:nominee")
    data, errors = item_from_form(form, ZONE, base=None, space_venue_id=None, main_venue_id=None)
    assert not errors and data is not None
    assert data.supporting_agency_ids == (3, 7) and data.participants == item.participants


def test_each_once_and_mistakes_named_on_their_field() -> None:
    data, errors = _read(supporting="3, 3,7,", people="12:host,12:crew,15")
    assert not errors
    assert data.supporting_agency_ids == (3, 7)  # type: ignore[attr-defined]
    assert data.participants == ((12, ParticipantRole.HOST), (15, ParticipantRole.GUEST))  # type: ignore[attr-defined]
    _, errors = _read(supporting="tres", people="x:host,12:villain")
    assert errors == {"supporting": "not_found", "people": "unknown_choice"}


def test_a_form_without_the_fields_keeps_what_the_item_had() -> None:
    base = an_item(supporting_agency_ids=(4,), participants=((9, ParticipantRole.SPEAKER),))
    form = {k: v for k, v in form_of_item(an_item(), ZONE).items() if k not in ("people", "supporting")}
    data, errors = item_from_form(form, ZONE, base=base, space_venue_id=None, main_venue_id=None)
    assert not errors and data is not None
    assert data.supporting_agency_ids == (4,) and data.participants == ((9, ParticipantRole.SPEAKER),)
