"""The records schema as SQLAlchemy Core tables, shared by every engine.

Engine-specific search structures (SQLite FTS5 table, PostgreSQL tsvector column) are created
by the migrations and reached only through the store of that engine.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

ledger_meta = Table(
    "ledger_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("media_type", String(128), nullable=False),
    Column("original_name", Text, nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("reader", String(32), nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("publisher", Text),
    Column("author", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("language", String(8), index=True),
    Column("captured_at", String(32)),
    Column("captured_by", Text),
    Column("text", Text, nullable=False),
    Column("meta", Text, nullable=False),
    Column("dup_group", String(64), index=True),
)

source_minhash = Table(
    "source_minhash",
    metadata,
    Column("num", Integer, primary_key=True),
    Column("digest", LargeBinary, nullable=False),
)

custody = Table(
    "custody",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("object", String(64), nullable=False, index=True),
    Column("details", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("num", Integer, nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("stage", String(32), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("label", Text),
    Column("data", Text, nullable=False),
)

source_extraction = Table(
    "source_extraction",
    metadata,
    Column("num", Integer, primary_key=True),
    Column("versions", Text, nullable=False),
    Column("warnings", Text, nullable=False),
)


# -- records: what people decide (migration 0003) -------------------------------------------
def _who() -> list[Column]:
    """Who made a row and who last changed it, and a version for edit conflicts."""
    return [Column("version", Integer, nullable=False, default=1),
            Column("created_at", String(32), nullable=False),
            Column("created_by", Text, nullable=False),
            Column("updated_at", String(32)),
            Column("updated_by", Text)]


actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(64), unique=True),  # the vocabulary's actor id, when it has one
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),  # folded name, for de-duplication
    Column("kind", String(32)),
    Column("aliases", Text, nullable=False, default="[]"),
    *_who(),
)

places = Table(
    "places", metadata,
    Column("id", String(64), primary_key=True),  # gazetteer id ("gn:…", "rl:…") or "user:…"
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("aliases", Text, nullable=False, default="[]"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(32), nullable=False, index=True),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10), index=True),  # None with a start: open (ongoing)
    Column("date_precision", String(8)),
    Column("place_precision", String(16)),
    Column("description", Text, nullable=False, default=""),
    Column("rights", Text, nullable=False, default="[]"),
    Column("status", String(16), nullable=False, index=True),
    Column("reason", Text),  # why it was rejected
    Column("merged_into", Integer),
    Column("grade", String(16)),
    Column("grade_reasons", Text, nullable=False, default="[]"),
    Column("grade_override", String(16)),
    Column("grade_override_reason", Text),
    Column("suggested", Text, nullable=False, default="{}"),  # the machine's values
    Column("match_id", Integer),  # an existing incident the machine offers to merge with
    Column("decided_at", String(32)),
    Column("decided_by", Text),
    *_who(),
)

incident_places = Table(
    "incident_places", metadata,
    Column("incident_id", Integer, primary_key=True),
    Column("place_id", String(64), primary_key=True, index=True),
)

incident_sources = Table(
    "incident_sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", Integer, nullable=False, index=True),
    Column("source_num", Integer, nullable=False, index=True),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("quote", Text, nullable=False, default=""),
    Column("candidate", String(96), unique=True),  # "num:start:end" of the machine's candidate
)

acts = Table(
    "acts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", Integer, nullable=False, index=True),
    Column("actor_id", Integer),  # who did it
    Column("act", Text, nullable=False),  # what was done
    Column("victim_id", Integer),  # to whom, when a recorded victim
    Column("target", Text),  # to whom or what, in words
    *_who(),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", Integer, index=True),
    Column("disruption_id", Integer, index=True),
    Column("source_num", Integer),
    Column("actor_id", Integer),  # who claims it
    Column("stance", String(8), nullable=False),  # asserts | denies
    Column("text", Text, nullable=False, default=""),
    Column("killed_min", Integer), Column("killed_best", Integer), Column("killed_max", Integer),
    Column("injured_min", Integer), Column("injured_best", Integer),
    Column("injured_max", Integer),
    Column("quote", Text, nullable=False, default=""),
    Column("rebuts", Integer),  # the claim this one disputes
    Column("machine", Integer, nullable=False, default=0),
    *_who(),
)

victims = Table(
    "victims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(12), nullable=False),  # individual | group
    Column("pseudonym", String(16), nullable=False, index=True),
    Column("identity_hash", String(64), index=True),
    Column("real_name", Text),  # encrypted (privacy.fields), never plain
    Column("contact", Text),  # encrypted
    Column("address", Text),  # encrypted
    Column("age_group", String(16)),
    Column("sex", String(8)),
    Column("status", String(16)),  # civilian | combatant | unknown
    Column("group_size", Integer),
    Column("description", Text, nullable=False, default=""),
    *_who(),
)

victim_harms = Table(
    "victim_harms", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("victim_id", Integer, nullable=False, index=True),
    Column("incident_id", Integer, nullable=False, index=True),
    Column("harm", String(24), nullable=False),
)

disruptions = Table(
    "disruptions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("area", Text, nullable=False),
    Column("place_id", String(64)),
    Column("population", Integer),
    Column("start", String(10), nullable=False, index=True),
    Column("end", String(10)),  # None: ongoing
    Column("cause", Text),
    Column("actor_id", Integer),  # attributed to
    Column("description", Text, nullable=False, default=""),
    Column("sources", Text, nullable=False, default="[]"),  # source ids
    *_who(),
)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("author_id", Integer, nullable=False),
    Column("date", String(10), index=True),
    Column("addressee_id", Integer),
    Column("text", Text, nullable=False, default=""),
    Column("demands", Text, nullable=False, default="[]"),
    Column("source_num", Integer),
    Column("response_to", Integer, index=True),  # a response is a statement answering one
    *_who(),
)

obligations = Table(
    "obligations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # court_order | resolution | agreement
    Column("issuer_id", Integer, nullable=False),
    Column("addressee_id", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("date", String(10), nullable=False),
    Column("deadline", String(10)),
    Column("source_num", Integer),
    *_who(),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("obligation_id", Integer, nullable=False, index=True),
    Column("date", String(10), nullable=False),
    Column("finding", String(16), nullable=False),  # complied | partial | not_complied
    Column("incident_id", Integer),
    Column("disruption_id", Integer),
    Column("note", Text, nullable=False, default=""),
    *_who(),
)

audit = Table(
    "audit", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("entity", String(24), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
)

# The neighbourhood of an incident (review/neighbourhood.py, migration 0011): incidents of a
# type by start day, those spanning days within one month, those spanning months (or open),
# and the incidents of a place newest first.
MONTH_SPAN = ("date_start <> date_end AND substr(date_start, 1, 7) = substr(date_end, 1, 7)")
LONG_SPAN = ("date_start IS NOT NULL AND (date_end IS NULL OR "
             "substr(date_start, 1, 7) <> substr(date_end, 1, 7))")
NEIGHBOURHOOD_INDEXES = (
    Index("ix_incidents_type_start", incidents.c.type, incidents.c.date_start,
          incidents.c.date_end),
    Index("ix_incidents_month_span", incidents.c.type, incidents.c.date_start,
          sqlite_where=text(MONTH_SPAN), postgresql_where=text(MONTH_SPAN)),
    Index("ix_incidents_long_span", incidents.c.type, incidents.c.id,
          sqlite_where=text(LONG_SPAN), postgresql_where=text(LONG_SPAN)),
    Index("ix_incident_places_place_incident", incident_places.c.place_id,
          incident_places.c.incident_id),
)

RECORD_TABLES = (actors, places, incidents, incident_places, incident_sources, acts, claims,
                 victims, victim_harms, disruptions, statements, obligations, observations,
                 audit)


# -- accounts of the web application (migration 0004) --------------------------------------
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),  # admin | analyst | viewer
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("token_hash", String(64), unique=True),  # sha256 of the API token, if any
    Column("disabled", Integer, nullable=False, default=0),
    Column("created_at", String(32), nullable=False),
    Column("created_by", Text, nullable=False),
    Column("totp_secret", Text),  # encrypted; the second factor (migration 0007)
    Column("totp_step", Integer),  # the last code's time step: used once only (0008)
)

sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie's token
    Column("user_id", Integer, nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", String(32), nullable=False),  # 12 hours after sign-in at most
    Column("seen_at", String(32)),  # last request: 30 minutes idle ends it (migration 0006)
)

ACCOUNT_TABLES = (users, sessions)


# -- photo bank, consent, stories, network (migration 0005) ---------------------------------
photos = Table(
    "photos", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_num", Integer, nullable=False, unique=True),  # the untouched original
    Column("incident_id", Integer, index=True),
    Column("place_id", String(64), index=True),
    Column("photographer", Text, index=True),
    Column("credit", Text),
    Column("licence", String(64)),
    Column("caption", Text, nullable=False, default=""),
    Column("captured_at", String(32), index=True),  # from EXIF, as the camera set it
    Column("camera", Text),
    Column("lat", Float), Column("lon", Float),  # EXIF GPS
    Column("phash", String(16)),  # 64-bit difference hash, hex (None for a video)
    Column("public_sha", String(64)),  # the public copy: EXIF/GPS stripped, resized (no video)
    Column("faces_found", Integer),  # by the detector, when the copy was blurred
    Column("faces_blurred", Integer, nullable=False, default=0),
    Column("confirmed_at", String(32)),  # a person looked at the public copy
    Column("confirmed_by", Text),
    *_who(),
)

consents = Table(
    "consents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_kind", String(8), nullable=False),  # photo | story
    Column("item_id", Integer, nullable=False),
    Column("person", Text, nullable=False),  # encrypted: who is depicted or quoted
    Column("victim_id", Integer),  # when that person is a recorded victim
    Column("given_by", Text, nullable=False),  # encrypted: the person or a guardian
    Column("through", Text),  # the intermediary (a contact's code, a colleague)
    Column("scopes", Text, nullable=False, default="[]"),  # internal, reports, press, web
    Column("given_on", String(10), nullable=False),
    Column("expires_on", String(10)),
    Column("withdrawn_on", String(10)),
    Column("withdrawn_reason", Text),
    Column("lapse_logged", Integer, nullable=False, default=0),  # expiry written to audit
    *_who(),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),  # encrypted: it may hold what identifies people
    Column("rights", Text, nullable=False, default="[]"),
    *_who(),
)

story_links = Table(
    "story_links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", Integer, nullable=False, index=True),
    Column("incident_id", Integer, index=True),
    Column("victim_id", Integer, index=True),
)

contacts = Table(
    "contacts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(16), nullable=False, unique=True),  # C-XXXXXXXX, safe to show
    Column("name", Text, nullable=False),  # encrypted
    Column("reach", Text),  # encrypted: phone, e-mail, messenger
    Column("notes", Text),  # encrypted
    Column("kind", String(16), nullable=False, index=True),
    Column("expertise", Text, nullable=False, default=""),
    Column("languages", Text, nullable=False, default=""),
    Column("region", Text, nullable=False, default=""),
    Column("vouched_by", Text),
    Column("last_contact", String(10)),
    *_who(),
)

engagements = Table(
    "engagements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # press_trip | conference
    Column("title", Text, nullable=False),
    Column("start", String(10), nullable=False, index=True),
    Column("end", String(10)),
    Column("place_ids", Text, nullable=False, default="[]"),
    Column("agenda", Text, nullable=False, default=""),
    Column("participants", Text, nullable=False, default="[]"),  # contact ids, outside names
    Column("materials", Text, nullable=False, default="[]"),  # photos, sources, exports
    Column("coverage", Text, nullable=False, default="[]"),  # source ids that followed
    *_who(),
)

MEDIA_TABLES = (photos, consents, stories, story_links, contacts, engagements)


# -- upload jobs of the web application (migration 0010) ------------------------------------
upload_jobs = Table(
    "upload_jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("uploader", String(64), nullable=False, index=True),
    Column("state", String(16), nullable=False),  # receiving | ingesting | finished | cut
    Column("staging", Text, nullable=False),  # the folder of the received files, while it lasts
    Column("defaults", Text, nullable=False, default="{}"),  # metadata for every file (JSON)
    Column("proposed", Integer, nullable=False, default=0),  # incidents proposed at the end
    Column("note", Text, nullable=False, default=""),  # why it stopped, or that it resumed
    Column("created_at", String(32), nullable=False),
    Column("ended_at", String(32)),
)

upload_files = Table(
    "upload_files", metadata,
    Column("job_id", String(32), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),  # order in the upload
    Column("name", Text, nullable=False),  # as uploaded (folders kept), control chars removed
    Column("staged", Text, nullable=False),  # its path inside the staging folder
    Column("status", String(16), nullable=False),  # pending | added | seen | failed
    Column("message", Text, nullable=False, default=""),  # why it was not ingested
    Column("source_id", String(64)),
)

UPLOAD_TABLES = (upload_jobs, upload_files)

# -- publication jobs of the web application (migration 0012) -------------------------------
publication_jobs = Table(
    "publication_jobs", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),  # report | export
    Column("owner", String(64), nullable=False, index=True),  # who asked for it
    Column("state", String(16), nullable=False),  # queued | building | finished | failed | cut
    Column("request", Text, nullable=False),  # what was asked (JSON: publish.jobs.Order)
    Column("step", Integer, nullable=False, default=0),  # steps done of publish.jobs.STEPS
    Column("note", Text, nullable=False, default=""),  # why it failed, or that it finished
    Column("folder", Text, nullable=False),  # where the signed folder is written
    Column("manifest_sha", String(64)),  # once signed
    Column("created_at", String(32), nullable=False),
    Column("ended_at", String(32)),
)

# -- inquiries to state bodies, their replies and reminders (migration 0013) ----------------
inquiries = Table(
    "inquiries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(64), nullable=False, unique=True),  # the office's number
    Column("addressee_id", Integer, nullable=False, index=True),  # an actor
    Column("sent", String(10), nullable=False, index=True),
    Column("channel", String(16), nullable=False),  # letter | email | portal | fax | hand
    Column("subject", Text, nullable=False),
    Column("legal_basis", Text, nullable=False, default=""),
    Column("deadline_days", Integer, nullable=False),
    Column("deadline", String(10), nullable=False, index=True),  # sent + deadline_days
    Column("letter_num", Integer),  # the letter as a stored source
    Column("closed", String(10)),  # the day it was closed
    Column("closed_reason", Text, nullable=False, default=""),
    *_who(),
)

inquiry_questions = Table(
    "inquiry_questions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inquiry_id", Integer, nullable=False, index=True),
    Column("number", Integer, nullable=False),  # 1, 2, … within its inquiry
    Column("text", Text, nullable=False),
    *_who(),
)

inquiry_links = Table(
    "inquiry_links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inquiry_id", Integer, nullable=False, index=True),
    Column("incident_id", Integer, index=True),  # one of the three
    Column("disruption_id", Integer, index=True),
    Column("right_code", String(64)),  # a right of vocabularies/rights.json ("ICCPR 12")
    *_who(),
)

inquiry_replies = Table(
    "inquiry_replies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inquiry_id", Integer, nullable=False, index=True),
    Column("received", String(10), nullable=False),
    Column("source_num", Integer),  # the reply document, a source of kind inquiry_reply
    Column("note", Text, nullable=False, default=""),
    *_who(),
)

inquiry_answers = Table(
    "inquiry_answers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reply_id", Integer, nullable=False, index=True),
    Column("question_id", Integer, nullable=False, index=True),
    Column("status", String(16), nullable=False),  # answered | partly | refused | not_answered
    *_who(),
)

inquiry_reminders = Table(
    "inquiry_reminders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inquiry_id", Integer, nullable=False, index=True),
    Column("sent", String(10), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("note", Text, nullable=False, default=""),
    *_who(),
)

INQUIRY_TABLES = (inquiries, inquiry_questions, inquiry_links, inquiry_replies,
                  inquiry_answers, inquiry_reminders)
