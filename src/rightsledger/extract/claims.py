"""What incidents, denials and statements share: who says it, when, where, how many."""

from __future__ import annotations

import re
from typing import Any

from rightsledger.extract import agents
from rightsledger.extract.document import Doc
from rightsledger.extract.places import shaped_places
from rightsledger.extract.triggers import word_pattern

_NEAR = 60  # characters between a casualty figure and its word ("12 people were killed")
_LOOKBACK = 2_000  # how far back "earlier in its paragraph" reaches in a text without breaks
_LONGEST_NAME = 300  # no organisation's name is longer than this many characters


_PASSIVE_BY = re.compile(r"(?<!\w)(?:by|par|со стороны)\s+(?:the\s+|les?\s+|la\s+|l')?$",
                         re.IGNORECASE)


def attribution(doc: Doc, start: int, end: int, carry: bool = True) -> str | None:
    """The organisation the sentence attributes its content to, if it names one: one of the
    actor list, else a name of an organisation's shape right by the reporting phrase ("the
    Plateau State Police Command has confirmed", "according to the Syrian Observatory for
    Human Rights"), whose head noun is in ``agents.json``'s ``claimant_heads``. When the one
    who speaks is a pronoun or a bare noun ("…, it said", "the group said"), the source
    named by the sentences just before speaks again (``carry``)."""
    verb = word_pattern("attribution", doc.language).search(doc.text, start, end)
    if verb is None:
        return None
    named = _named_source(doc, start, end, verb)
    if named is None and carry and spoken_by_pronoun(doc, start, end, verb):
        return antecedent(doc, start)
    return named


def _named_source(doc: Doc, start: int, end: int, verb: re.Match[str]) -> str | None:
    orgs = [agents.defined(doc, o) for o in doc.within("organizations", start, end)
            if not _PASSIVE_BY.search(doc.text, max(start, o["start"] - 24), o["start"])
            and not agents.at_definition(doc, o)]
    orgs += _shaped(doc, start, end, verb, orgs)
    if not orgs:
        return None  # "shelled by Azerbaijani forces, the ministry said": the doer, not the source
    # "according to X" names X after the verb, "X said" before it: take the nearest.
    nearest = min(orgs, key=lambda o: min(abs(o["start"] - verb.end()),
                                          abs(verb.start() - o["end"])))
    return str(nearest["name"])


_NEXT_TO = re.compile(r"[\s,]*(?:[\w-]+\s+)?$")  # at most one word between pronoun and verb


def spoken_by_pronoun(doc: Doc, start: int, end: int, verb: re.Match[str]) -> bool:
    """Whether the speaker of ``verb`` is a pronoun or a bare noun of a source: the
    sentence's subject ("The aid group, which runs the clinic, said …"), just before the
    verb ("…, it said") or just after it ("…, said the ministry")."""
    pronoun = word_pattern("reporter_pronouns", doc.language)
    for m in pronoun.finditer(doc.text, start, verb.start()):
        if m.start() - start <= 1 or _NEXT_TO.fullmatch(doc.text, m.end(), verb.start()):
            return True
    after = pronoun.match(doc.text, verb.end() + 1, end)
    return after is not None and not doc.text[verb.end():after.start()].strip()


def antecedent(doc: Doc, start: int,
               spoken: dict[tuple[int, int], str] | None = None) -> str | None:
    """The source the sentences just before name (within ``_LOOKBACK`` characters); a
    sentence whose speaker is known already (``spoken``: span -> name) names it."""
    for s, e in reversed([s for s in doc.sentences if s[1] <= start]):
        if start - s > _LOOKBACK:
            break
        named = (spoken or {}).get((s, e)) or attribution(doc, s, e, carry=False)
        if named:
            return named
    return None


_ADJACENT = 40  # characters between a reporting phrase and a name found by its shape


def _shaped(doc: Doc, start: int, end: int, verb: re.Match[str],
            known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Names of an organisation's shape, of two words or more, next to the reporting
    phrase ``verb`` and not inside a name the actor list knows."""
    found = []
    shape = agents.name_shape("claimant_heads", words=6, links="of|for|and|the|on|in", tail=True)
    for m in shape.finditer(doc.text, start, end):
        if any(o["start"] <= m.start(1) < o["end"] for o in known):
            continue
        gap = min(abs(verb.start() - m.end()), abs(m.start() - verb.end()))
        if gap <= _ADJACENT and " " in m.group(1).strip():
            found.append({"start": m.start(1), "end": m.end(1), "name": m.group(1).strip()})
    return found


def sentence_date(doc: Doc, start: int, end: int) -> str | None:
    """The first date in the sentence, else the last one earlier in its paragraph. An open
    interval ("since 12 December") is known to last at least until publication: it is
    closed there when the publication date is known."""
    inside = _written(doc.within("dates", start, end))
    before = _written(doc.within("dates", paragraph_start(doc, start), start))
    # "reported today that the line was damaged on 9 January": the written date is the event's
    inside = sorted(inside, key=lambda d: bool(d.get("relative")))
    value = str(inside[0]["value"]) if inside else str(before[-1]["value"]) if before else None
    if value and value.endswith("/..") and doc.published:
        value = value[:-2] + doc.published.isoformat()
    if value and value.count("/") == 1 and value.split("/")[0] == value.split("/")[1]:
        value = value.split("/")[0]  # "since this morning", on the day of writing: that day
    return value


def _written(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions of the text's body: a dateline's city and day say where and when the text
    was written, not where or when anything happened."""
    return [i for i in items if "zone" not in i]


_BROAD = {"region": 1, "country": 2}  # a town, road or bridge says more than a region


def sentence_place(doc: Doc, start: int, end: int) -> dict[str, Any] | None:
    """The most precise place in the sentence (the first of them; a place the gazetteer
    lacks but the text names by its shape, "the village of Sakhanka", counts as precise),
    else the last one earlier in its paragraph; a place inside an organisation's name does
    not count."""
    inside = _outside_names(doc, _written(doc.within("places", start, end)))
    precise = [p for p in inside if str(p.get("kind")) not in _BROAD]
    shaped = _outside_names(doc, shaped_places(doc, start, end))
    if precise or shaped:  # the first town, road, bridge or place known by its shape
        return min(precise + shaped, key=lambda p: p["start"])
    if inside:
        return min(inside, key=lambda p: _BROAD.get(str(p.get("kind")), 0))
    before = _outside_names(doc, _written(
        doc.within("places", paragraph_start(doc, start), start)))
    return before[-1] if before else None


def paragraph_start(doc: Doc, start: int) -> int:
    """Where the paragraph holding ``start`` begins, at most ``_LOOKBACK`` characters back."""
    floor = max(0, start - _LOOKBACK)
    return max(floor, doc.text.rfind("\n\n", floor, start) + 1)


def _outside_names(doc: Doc, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = []
    for p in places:
        names = doc.within("organizations", max(0, p["start"] - _LONGEST_NAME),
                           p["end"] + _LONGEST_NAME)
        if not any(o["start"] <= p["start"] and p["end"] <= o["end"] for o in names):
            kept.append(p)
    return kept


def casualties(doc: Doc, start: int, end: int) -> dict[str, Any]:
    """Killed, injured and affected figures of the sentence, by the words near each number,
    with their bounds: ``killed`` is the figure or the lower bound ("at least 27", "more than
    30"), ``killed_max`` the upper bound ("up to 30", "between 8 and 12") or "open" when only
    a lower one is given; an exact figure has no ``killed_max``. A span of time ("the 44-day
    war") is never a count of people."""
    out: dict[str, Any] = {"killed": None, "injured": None, "affected": None}
    killed = word_pattern("killed_words", doc.language)
    injured = word_pattern("injured_words", doc.language)
    figures: dict[str, list[dict[str, Any]]] = {}
    numbers = doc.within("numbers", start, end)
    for n in numbers:
        if not isinstance(n.get("value"), int) or _is_time(n, doc.text):
            continue
        after = doc.text[n["end"]:min(end, n["end"] + _NEAR)]
        before = doc.text[max(start, n["start"] - _BEFORE):n["start"]]
        later = [m["start"] for m in numbers if m["start"] >= n["end"]]
        if later:  # a word past the next figure is that figure's ("2 died, 5 were injured")
            after = after[:max(0, min(later) - n["end"])]
        key = ("killed" if killed.search(after) else "injured" if injured.search(after)
               else "killed" if _ends_with(killed, before) else "injured"
               if _ends_with(injured, before) else "affected" if _is_people(n) else None)
        if key:
            figures.setdefault(key, []).append(n)
    for key, found in figures.items():
        out.update(_bounds(key, found))
    return out


_BEFORE = 30  # "killing between eight and more than 30 people": the word before the figures
# Units of time: stems that begin only words of time, and short words given whole (as a
# stem, "an" would take "anaesthetists", "ann" "annual", "or" "orphans").
_TIME_STEMS = ("day", "week", "month", "year", "hour", "minute", "день", "недел", "месяц",
               "jour", "semaine", "heure", "շաբաթ", "ամիս", "տարի", "ժամ", "həftə", "saat",
               "тиж", "місяц", "годин", "giorn", "settiman", "semana", "hora")
_TIME_WORDS = frozenset((
    "дня дней дни днём год года году годом годы лет час часа часов mois an ans օր օրը օրվա "
    "օրերի gün günü ay ayı il ili ilin доба доби добу рік року роки років mes meses anno "
    "anni ora ore día días dia dias año años").split())


def _is_time(number: dict[str, Any], text: str) -> bool:
    unit = str(number.get("unit") or "").lower()
    after = text[number["end"]:number["end"] + 5].lower()
    return (unit.startswith(_TIME_STEMS) or unit in _TIME_WORDS
            or after in ("-day ", "-days") or after[:1] == "-")


def _ends_with(pattern: Any, before: str) -> bool:
    """The word sits just before the figures: nothing but qualifiers and figures after it."""
    hits = list(pattern.finditer(before))
    return bool(hits) and not re.search(r"[.;:]", before[hits[-1].end():])


def _bounds(key: str, found: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of one kind as a lower bound and an upper one."""
    low, high = found[0], found[1] if len(found) > 1 else None
    lower = None if low.get("qualifier") == "at_most" else low["value"]
    if high is not None:  # "between eight and more than 30", "5 to 7"
        upper: Any = "open" if high.get("qualifier") == "at_least" else high["value"]
    elif low.get("qualifier") == "at_least":
        upper = "open"
    elif low.get("qualifier") == "at_most":
        upper = low["value"]
    else:
        return {key: lower}
    return {key: lower, f"{key}_max": upper}


def _is_people(number: dict[str, Any]) -> bool:
    unit = str(number.get("unit") or "").lower()
    return any(unit.startswith(w) for w in _PEOPLE)


_PEOPLE = ("people", "person", "residents", "civilians", "children", "families", "inhabitants",
           "человек", "жител", "детей", "семей", "мирных", "personnes", "habitants", "enfants",
           "civils", "մարդ", "բնակիչ", "երեխա", "ընտանիք", "nəfər", "sakin", "uşaq", "люд",
           "мирн", "цивільн", "діт", "persone", "civili", "abitanti", "bambini", "famiglie",
           "personas", "civiles", "habitantes", "niños", "familias")
