"""The JSON API's bodies as typed schemas: every field of every answer named, so that the
OpenAPI document at /openapi.json says what each route answers and a client generated from
it has attributes, not untyped objects.

The routes still build their answers from the records' own functions (records.*, review.*,
media.*); these models only say their shape, and FastAPI checks every answer against them on
its way out. A field the records gain and the schema does not name is refused
(``extra="forbid"``: a 500, which the Schemathesis run of tests/web/test_api_fuzz.py finds),
so the document cannot fall behind the answers unnoticed.

A field marked ``PUBLIC_HIDDEN`` is one the public view takes out (privacy.redact: who made,
changed or decided a record, the machine's suggestions): it is optional, and the answer
leaves it out rather than sending it empty (the routes answer with ``exclude_unset``).
Days are ``YYYY-MM-DD`` text and moments ISO 8601 UTC text, as the ledger stores them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DAY = "a day, YYYY-MM-DD"
MOMENT = "a moment, ISO 8601 in UTC"


def hidden(description: str) -> Any:
    """A field the public view leaves out."""
    return Field(None, description=f"{description} (not in the public view)")


class Schema(BaseModel):
    """A body of the API: every field named, no other."""

    model_config = ConfigDict(extra="forbid")


class Tracked(Schema):
    """Who made a record and who last changed it, and its version for edit conflicts."""

    version: int = Field(description="the version to name in an edit (409 when stale)")
    created_at: str = Field(description=MOMENT)
    created_by: str | None = hidden("who made it")
    updated_at: str | None = Field(description=MOMENT)
    updated_by: str | None = hidden("who last changed it")


class Problem(Schema):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="what kind of problem: about:blank, the status says it")
    title: str = Field(description="the status's own phrase (Bad Request, Not Found…)")
    status: int = Field(description="the HTTP status")
    detail: str = Field(description="one line: what was wrong and what to do; a refused "
                                    "parameter is named first (`date_from: …`)")


# -- incidents --------------------------------------------------------------------------------
class Incident(Tracked):
    """An incident as a list shows it."""

    id: int
    type: str = Field(description="an incident type code (vocabularies/incident_types)")
    date_start: str | None = Field(description=DAY)
    date_end: str | None = Field(description=f"{DAY}; none with a start: ongoing")
    date_precision: str | None
    place_precision: str | None
    description: str
    rights: list[str] = Field(description="the rights it touches (UDHR 3, ICCPR 6…)")
    status: str = Field(description="proposed, accepted, rejected or merged")
    reason: str | None = Field(description="why it was rejected")
    merged_into: int | None = Field(description="the incident it was merged into")
    grade: str | None
    grade_reasons: list[str]
    grade_override: str | None
    grade_override_reason: str | None
    suggested: dict[str, Any] | None = hidden("the machine's suggested values")
    match_id: int | None = Field(description="an incident the machine offers to merge with")
    decided_at: str | None = Field(description=MOMENT)
    decided_by: str | None = hidden("who decided")
    places: list[str] = Field(description="gazetteer ids of its places")


class Quote(Schema):
    text: str
    start: int | None = Field(description="offset in the source's text")
    end: int | None


class IncidentSource(Schema):
    """A source that reports an incident, with the words it uses."""

    num: int
    id: str = Field(description="the source's id (SHA-256 of the original)")
    kind: str
    publisher: str | None
    title: str | None
    published: str | None = Field(description=DAY)
    dup_group: str | None = Field(description="its group of near-duplicates")
    original_name: str
    quote: str = Field(description="the first of its quotes")
    quotes: list[Quote]


class Claim(Tracked):
    """What one party says of an incident: figures or a denial."""

    id: int
    incident_id: int | None
    disruption_id: int | None
    source_num: int | None
    actor_id: int | None
    stance: str = Field(description="asserts or denies")
    text: str
    killed_min: int | None
    killed_best: int | None
    killed_max: int | None
    injured_min: int | None
    injured_best: int | None
    injured_max: int | None
    quote: str
    rebuts: int | None = Field(description="the claim this one disputes")
    machine: int = Field(description="1 when the machine proposed it")
    source_id: str | None
    publisher: str | None
    published: str | None = Field(description=DAY)
    kind: str | None = Field(description="the source's kind")
    by: str | None = Field(description="who claims it")


class Act(Tracked):
    id: int
    incident_id: int
    actor_id: int | None
    act: str = Field(description="what was done")
    victim_id: int | None
    target: str | None = Field(description="to whom or what, in words")
    by: str | None = Field(description="who did it")


class Victim(Tracked):
    """A victim by pseudonym: never a name, a contact or an address."""

    id: int
    kind: str = Field(description="individual or group")
    pseudonym: str
    age_group: str | None
    sex: str | None
    status: str | None = Field(description="civilian, combatant or unknown")
    group_size: int | None
    description: str
    harm: str = Field(description="the harm in this incident")


class IncidentDetail(Incident):
    """One incident with everything shown about it."""

    place_names: list[str]
    graded: bool = Field(description="whether the grade is shown: for proposed and accepted "
                                     "incidents only")
    sources: list[IncidentSource]
    claims: list[Claim]
    claims_side_by_side: str = Field(description='"Ombudsman B: 12 killed; Army C: denies"')
    acts: list[Act]
    victims: list[Victim]


# -- disruptions, obligations, statements -----------------------------------------------------
class Disruption(Tracked):
    """A disruption counted as of a day (records.disruptions.counted)."""

    id: int
    kind: str = Field(description="gas, electricity, internet, mobile, water, road, food or "
                                  "medicine")
    area: str
    place_id: str | None
    population: int | None
    start: str = Field(description=DAY)
    end: str | None = Field(description=f"{DAY}; none: ongoing")
    cause: str | None
    actor_id: int | None
    description: str
    sources: list[str] = Field(description="source ids")
    day: int | None = Field(description="its length when ended, else day N as of `as_of`; "
                                        "none when not begun then")
    ongoing: bool
    as_of: str = Field(description=f"the day it is counted to ({DAY})")
    count: str = Field(description='the count in words: "3 days", "day 100 as of 2023-03-21"')
    attributed_to: str | None


class Observation(Tracked):
    id: int
    obligation_id: int
    date: str = Field(description=DAY)
    finding: str = Field(description="complied, partial or not_complied")
    incident_id: int | None
    disruption_id: int | None
    note: str


class Evidence(Schema):
    """An observation that the status rests on."""

    id: int | None
    date: str = Field(description=DAY)
    finding: str
    incident_id: int | None
    disruption_id: int | None
    note: str


class Obligation(Tracked):
    """An obligation with its compliance status on the day asked."""

    id: int
    kind: str = Field(description="court_order, resolution or agreement")
    issuer_id: int
    addressee_id: int
    title: str
    text: str
    date: str = Field(description=DAY)
    deadline: str | None = Field(description=DAY)
    source_num: int | None
    issuer: str | None
    addressee: str | None
    observations: list[Observation]
    status: str = Field(description="the latest finding, else overdue or pending")
    since: str | None = Field(description=DAY)
    evidence: list[Evidence]


class StatementResponse(Tracked):
    """A statement answering another."""

    id: int
    author_id: int
    date: str | None = Field(description=DAY)
    addressee_id: int | None
    text: str
    demands: list[str]
    source_num: int | None
    response_to: int | None
    by: str | None = Field(description="its author's name")
    to: str | None = Field(description="its addressee's name")


class Statement(StatementResponse):
    responses: list[StatementResponse]


# -- media ------------------------------------------------------------------------------------
class Photo(Schema):
    """A photo as a public output describes it."""

    id: int
    public_sha: str | None
    caption: str
    credit: str | None
    licence: str | None
    incident_id: int | None
    place_name: str | None
    copy_: str | None = Field(alias="copy", description="the public copy's path, if any")

    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              serialize_by_alias=True)


class Story(Schema):
    """A human story with pseudonyms in place of the linked victims' names."""

    id: int
    title: str
    text: str
    rights: list[str]
    incident_ids: list[int] = Field(description="its accepted incidents")
    victims: list[str] = Field(description="pseudonyms")


# -- GeoJSON ----------------------------------------------------------------------------------
class Point(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="longitude, latitude")


class IncidentPoint(Schema):
    id: int
    type: str
    date: str | None = Field(description=DAY)
    place: str
    grade: str | None
    status: str


class IncidentFeature(Schema):
    type: Literal["Feature"]
    geometry: Point
    properties: IncidentPoint


class IncidentMap(Schema):
    """Incidents with a located place, one GeoJSON point per incident and place."""

    type: Literal["FeatureCollection"]
    features: list[IncidentFeature]


class ReferenceFeature(Schema):
    """A feature of the basemap: its ``properties.kind`` is country, water, division or
    town, and its other properties depend on it."""

    type: Literal["Feature"]
    geometry: dict[str, Any] = Field(description="a GeoJSON geometry")
    properties: dict[str, Any]


class Basemap(Schema):
    type: Literal["FeatureCollection"]
    attribution: str
    features: list[ReferenceFeature]


# -- inquiries to state bodies ----------------------------------------------------------------
class InquiryQuestion(Tracked):
    """One question of an inquiry, with its status on the day asked for."""

    id: int
    inquiry_id: int
    number: int = Field(description="1, 2, … within its inquiry")
    text: str
    status: Literal["answered", "partly", "refused", "not_answered"]


class Inquiry(Tracked):
    """An inquiry to a state body with its status on a day (docs/inquiries.md)."""

    id: int
    reference: str = Field(description="the office's own reference number")
    addressee_id: int = Field(description="the actor it was sent to")
    addressee: str
    sent: str = Field(description=DAY)
    channel: str = Field(description="letter, email, portal, fax or hand")
    subject: str
    legal_basis: str
    deadline_days: int
    deadline: str = Field(description=f"{DAY}: the day sent and the deadline's days")
    letter_num: int | None = Field(description="the letter as a stored source")
    letter_source: str | None = Field(description="the letter's source id")
    closed: str | None = Field(description=f"{DAY}: the day it was closed")
    closed_reason: str
    questions: list[InquiryQuestion]
    replies: list[dict[str, Any]] = Field(description="every reply received, with answers")
    reminders: list[dict[str, Any]] = Field(description="every reminder sent")
    incidents: list[int]
    disruptions: list[int]
    rights: list[str]
    on: str = Field(description=f"{DAY}: the day the status is for")
    status: Literal["open", "answered", "overdue", "closed", "not_sent"] = Field(
        description="on the day: not_sent when the day comes before it was sent")
    since: str | None = Field(description=f"{DAY}: since when it has this status")
    answered_on: str | None = Field(description=f"{DAY}: when every question had an answer")
    in_time: bool | None = Field(description="answered by its deadline (empty: could still be)")
    late_days: int | None = Field(description="days past the deadline, while overdue or late")
    replies_so_far: list[dict[str, Any]] = Field(description="replies received by the day")
    reminders_so_far: list[dict[str, Any]] = Field(description="reminders sent by the day")


class OcrPage(Schema):
    """One scanned page as OCR read it (docs/ocr.md)."""

    page: int = Field(description="the page's number, from 1")
    start: int = Field(description="where its text starts in the source's text; -1: none kept")
    confidence: float = Field(description="Tesseract's mean word confidence, 0-100")
    words: int
    skew: float = Field(description="degrees turned to level its lines")
    languages: str = Field(description="the Tesseract languages it was read in")
    enlarged: int | None = Field(None, description="2 when small print was doubled")
    note: str | None = Field(None, description="why no text was kept")


class Ocr(Schema):
    """How a source's text was machine-read, when it was (docs/ocr.md)."""

    status: str = Field(description="read, no legible text, or not read: why")
    engine: str | None = None
    step: str | None = None
    languages: str | None = None
    confidence: float | None = Field(None, description="mean over the pages read, 0-100")
    pages: list[OcrPage] = []


class Source(Schema):
    """A stored document: what is known of it, and its text (viewers and up)."""

    id: str = Field(description="the SHA-256 of the original file, hex")
    kind: str
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None = Field(description=DAY)
    language: str | None = Field(description="ISO 639-1")
    url: str | None
    original_name: str
    media_type: str
    size: int = Field(description="bytes of the original")
    reader: str = Field(description="the versioned reader; `+ocr.v1`: the text is OCR's")
    captured_at: str | None
    ingested_at: str = Field(description=MOMENT)
    machine_read: str | None = Field(description="one line on how OCR read it, if it did")
    ocr: Ocr | None
    capture: dict[str, Any] | None = Field(description="a web capture's facts: the URL as "
                                           "asked and seen, time, status, headers, "
                                           "redirects, what is partial, the version before "
                                           "(docs/capture.md)")
    text: str
