"""Who did it: the agent of an incident, kept apart from who says it (the claimant).

    "The village was shelled by Azerbaijani forces, the ministry said."
        agent    -> Azerbaijani Armed Forces   (the passive's "by" phrase)
        claimant -> the ministry               (claims.attribution)
    "Russian strikes hit the port on Sunday."          -> Armed Forces of Russia
    "Azerbaijan has blocked the corridor since …"      -> Government of Azerbaijan
    "Two Armenian soldiers were killed."               -> no agent (they are the victims)

Candidates, strongest first: the phrase after a "by" word; an organisation or a country's
side right before an active verb of the act; a country's adjective before a noun of its
forces or of an act ("Azerbaijani shelling of …"); an organisation found by its shape
("the Rapid Support Forces"). A country named only by its side takes its armed forces for a
military act and its government for an act of the state (a blockade, a detention). The
words are data, per language: ``vocabularies/agents.json`` and ``countries.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rightsledger.extract.document import Doc
from rightsledger.gazetteer.places import shipped
from rightsledger.vocabularies import load

STATE_ACTS = frozenset({"blockade", "infrastructure_disruption", "detention", "displacement",
                        "torture", "other"})
# organisations that report acts far more often than they commit them
_REPORTERS = frozenset({"ngo", "international_org", "media", "ombudsman"})
_FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    name: str | None  # an organisation's name, or None for a country's side
    country: str | None = None  # the country's English name
    state: str | None = None  # "Police of {country}": a body of the state named by a noun


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _table(group: str, language: str | None) -> list[str]:
    table = load("agents")[group]
    if language in table:
        chosen = table[language]
    else:
        chosen = [w for words in table.values() for w in words]
    return list(chosen)


@cache
def _countries(language: str | None) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every country's adjectives and names, and a form → country map."""
    forms: dict[str, str] = {}
    for country in load("countries")["countries"]:
        langs = [language] if language in country["adjectives"] else list(country["adjectives"])
        for lang in dict.fromkeys([*langs, "en"]):
            for form in country["adjectives"].get(lang, []):
                forms[form.lower()] = country["name"]
        forms[country["name"].lower()] = country["name"]
        for form in country.get("names", {}).get(language or "", []):
            forms[form.lower()] = country["name"]
    stems = _alternation([re.escape(f) for f in forms])
    return re.compile(rf"(?<!\w)({stems})\w*", _FLAGS), forms


def _country_of(word: str, forms: dict[str, str]) -> str | None:
    lowered = word.lower()
    for length in range(len(lowered), 0, -1):  # Russian and French adjectives are stems
        if lowered[:length] in forms:
            return forms[lowered[:length]]
    return None


@cache
def _patterns(language: str | None) -> dict[str, re.Pattern[str]]:
    state = _alternation(list(_state_names(language)))
    return {
        "forces": re.compile(rf"\s+(?:\w+\s+){{0,1}}?{_alternation(_table('forces', language))}"
                             r"(?!\w)", _FLAGS),
        "acts": re.compile(rf"\s+(?:\w+\s+){{0,1}}?{_alternation(_table('acts', language))}"
                           r"(?!\w)", _FLAGS),
        "people": re.compile(rf"\s+{_alternation(_table('people', language))}(?!\w)", _FLAGS),
        "state": re.compile(rf"\s+(?P<noun>{state})(?!\w)", _FLAGS),
        "bare_state": re.compile(rf"(?<![\w-])(?:the\s+)?(?P<noun>{state})(?!\w)", _FLAGS),
        "by": re.compile(rf"(?<!\w){_alternation(_table('by', language))}\s+(?:the\s+|les?\s+"
                         r"|la\s+|l'|des\s+)?$", _FLAGS),
        "verb": re.compile(rf"[\s,]*{_alternation(_table('verbs', language))}(?!\w)", _FLAGS),
        "shape": name_shape("heads"),
    }


@cache
def name_shape(heads: str, words: int = 5, links: str = "of|for|and|the",
               tail: bool = False) -> re.Pattern[str]:
    """An organisation's name by its shape: up to ``words`` capitalised words (joined by
    ``links``) ending in a head noun of ``agents.json``'s ``heads`` group ("heads": who
    acts, "the Arakan Army"; "claimant_heads": who reports, "the Syrian Observatory"),
    with ``tail`` an "of …" after it ("… for Human Rights"). Group 1 is the name without
    "the". English names only, whatever the text's language: wire copy names organisations
    in English."""
    end = (r"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+)"
           r"{0,3})?") if tail else ""
    return re.compile(rf"(?:[Tt]he\s+)?((?:[A-Z][\w'’-]+\s+(?:(?:{links})\s+)*){{0,{words}}}"
                      rf"{_alternation(load('agents')[heads]['en'])}{end})(?!\w)")


@cache
def _state_names(language: str | None) -> dict[str, str]:
    tables = load("agents")["state"]
    merged: dict[str, str] = {}
    for lang, table in tables.items():
        if language in (None, lang) or language not in tables:
            merged.update(table)
    return merged


def _state_name(noun: str, language: str | None) -> str | None:
    for pattern, name in _state_names(language).items():
        if re.fullmatch(pattern, noun, _FLAGS):
            return name
    return None


def candidates(doc: Doc, start: int, end: int) -> list[Candidate]:
    """Every phrase of the sentence that could name the doer, in text order."""
    found = [Candidate(o["start"], o["end"], str(o["name"]))
             for o in (defined(doc, o) for o in doc.within("organizations", start, end))
             if o.get("kind") not in _REPORTERS]
    pattern, forms = _countries(doc.language)
    patterns = _patterns(doc.language)
    for m in pattern.finditer(doc.text, start, end):
        country = _country_of(m.group(1), forms)
        if country is None or _inside(m.start(), found):
            continue
        found.extend(_country_candidates(doc, m, country, patterns, end))
    found.extend(_by_shape(doc, start, end, found))
    found.extend(_by_acronym(doc, start, end, found))
    found.extend(_bare_state(doc, start, end, found))
    return sorted(found, key=lambda c: c.start)


def _country_candidates(doc: Doc, m: re.Match[str], country: str,
                        patterns: dict[str, re.Pattern[str]], end: int) -> list[Candidate]:
    after = m.end()
    state = patterns["state"].match(doc.text, after, end)
    if state:
        name = _state_name(state.group("noun"), doc.language)
        return [Candidate(m.start(), state.end(), None, country, name)]
    for kind in ("forces", "acts"):
        hit = patterns[kind].match(doc.text, after, end)
        if hit:
            return [Candidate(m.start(), hit.end(), None, country)]
    people = patterns["people"].match(doc.text, after, end)
    if people and patterns["verb"].match(doc.text, people.end(), end):
        return [Candidate(m.start(), people.end(), None, country)]  # "… soldiers opened fire"
    if m.group(1)[:1].isupper() and patterns["verb"].match(doc.text, after, end):
        return [Candidate(m.start(), after, None, country)]  # "Azerbaijan has conducted …"
    if _after_by(doc, m.start(), patterns):
        return [Candidate(m.start(), after, None, country)]  # "… by Azerbaijan"
    return []


def _by_shape(doc: Doc, start: int, end: int, known: list[Candidate]) -> list[Candidate]:
    """Organisations the actor list lacks, by the shape of their name, after a "by" word or
    before an active verb ("the Arakan Army shelled …", "attacked by the M23 Movement")."""
    out = []
    patterns = _patterns(doc.language)
    for m in patterns["shape"].finditer(doc.text, start, end):
        if _inside(m.start(1), known):
            continue
        if _after_by(doc, m.start(), patterns) or patterns["verb"].match(doc.text, m.end(), end):
            name = _MEMBERS.sub("", m.group(1).strip())
            state = _state_name(name, doc.language) if " " not in name else None
            country = _place_country(doc, start, end) if state else None
            if state and country:  # "Police detained … in Minsk": the police of Belarus
                out.append(Candidate(m.end() - len(name), m.end(), None, country, state))
            else:
                out.append(Candidate(m.end() - len(name), m.end(), name))
    return out


_MODIFIER = re.compile(r"(?<![\w-])[a-z][\w-]*\s+$")  # "by the paramilitary Rapid Support …"


def _modified(doc: Doc, offset: int) -> int:
    """Where a lower-case word just before ``offset`` begins (else ``offset``)."""
    m = _MODIFIER.search(doc.text, max(0, offset - 30), offset)
    return m.start() if m else offset


_ACRONYM = re.compile(r"\s*[(\[]([A-Z][A-Z0-9-]{1,7})[)\]]")


@lru_cache(maxsize=16)  # the documents being read now, not every text ever seen
def _acronyms(text: str, language: str | None) -> dict[str, str]:
    """ABBR -> name for every organisation's shape written with its acronym after it, in
    the whole text ("the Rapid Support Forces (RSF)", "Rwanda Defense Forces [RDF]")."""
    found: dict[str, str] = {}
    for m in _patterns(language)["shape"].finditer(text):
        acronym = _ACRONYM.match(text, m.end())
        if acronym:
            found.setdefault(acronym.group(1), _MEMBERS.sub("", m.group(1).strip()))
    return found


def defined(doc: Doc, org: dict[str, Any]) -> dict[str, Any]:
    """``org`` as the text defines its acronym: where "the Rapid Support Forces (RSF)" was
    written, "RSF" is that force, not the actor list's Reporters Without Borders."""
    name = _acronyms(doc.text, doc.language).get(str(org.get("text", "")))
    if name and name != org.get("name"):
        return {**org, "name": name, "actor_id": None, "kind": "defined"}
    return org


def at_definition(doc: Doc, org: dict[str, Any]) -> bool:
    """Whether ``org`` is an acronym in brackets right after the name it stands for."""
    return doc.text[max(0, org["start"] - 1):org["start"]] in ("(", "[") and bool(
        _acronyms(doc.text, doc.language).get(str(org.get("text", ""))))


def _by_acronym(doc: Doc, start: int, end: int, known: list[Candidate]) -> list[Candidate]:
    """An acronym the text spelled out before ("… the RSF launched drones"), as the
    organisation it stands for, where a name by its shape would be taken: after a "by"
    word, before an active verb, or before a noun of an act ("a second RSF strike")."""
    names = _acronyms(doc.text, doc.language)
    if not names:
        return []
    patterns = _patterns(doc.language)
    out = []
    for m in re.finditer(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])",
                         doc.text[start:end]):
        at, to = start + m.start(1), start + m.end(1)
        if _inside(at, known) or doc.text[to:to + 1] in (")", "]"):
            continue
        if (_after_by(doc, at, patterns) or patterns["verb"].match(doc.text, to, end)
                or patterns["acts"].match(doc.text, to, end)):
            out.append(Candidate(at, to, names[m.group(1)]))
    return out


_MEMBERS = re.compile(r"^(?:(?:Fighters|Members|Units|Soldiers|Troops|Elements|Militants|Forces"
                      r"|Commanders|Officers)\s+of\s+)?(?:the\s+)?")


def _bare_state(doc: Doc, start: int, end: int, known: list[Candidate]) -> list[Candidate]:
    """A body of the state named by its noun alone before an active verb ("police arrested
    dozens … in Minsk"): that body of the country of the sentence's place."""
    patterns = _patterns(doc.language)
    out = []
    for m in patterns["bare_state"].finditer(doc.text, start, end):
        if _inside(m.start("noun"), known) or not patterns["verb"].match(doc.text, m.end(), end):
            continue
        name = _state_name(m.group("noun"), doc.language)
        country = _place_country(doc, start, end)
        if name and country:
            out.append(Candidate(m.start("noun"), m.end(), None, country, name))
    return out


def _place_country(doc: Doc, start: int, end: int) -> str | None:
    """The English name of the country of the sentence's first place (a dateline's city
    says where the text was written, so it does not count)."""
    for place in doc.within("places", start, end):
        if "zone" not in place and place.get("country"):
            return _country_names().get(str(place["country"]))
    return None


@cache
def _country_names() -> dict[str, str]:
    """ISO code -> the gazetteer's English name of the country."""
    return {p.country: p.name for p in shipped() if p.kind == "country"}


def _inside(offset: int, found: list[Candidate]) -> bool:
    return any(c.start <= offset < c.end for c in found)


def _after_by(doc: Doc, offset: int, patterns: dict[str, re.Pattern[str]]) -> bool:
    """Whether a "by" word comes just before ``offset``, or before one lower-case word
    there ("by the paramilitary Rapid Support Forces")."""
    return any(patterns["by"].search(doc.text[max(0, at - 30):at])
               for at in {offset, _modified(doc, offset)})


def agent(doc: Doc, start: int, end: int, kind: str, trigger: int,
          claimant: str | None = None) -> str | None:
    """The doer of the act of type ``kind`` whose trigger word is at ``trigger``: the phrase
    after a "by" word, else the candidate nearest before the trigger (the subject), else a
    country's side named after it ("… the shelling of the town by the Azerbaijani side")."""
    found = [c for c in candidates(doc, start, end) if c.name is None or c.name != claimant]
    if not found:
        return None
    patterns = _patterns(doc.language)
    before = [c for c in found if c.start <= trigger]
    chosen = (next((c for c in found if _after_by(doc, c.start, patterns)), None)
              or (before[-1] if before else None)
              or next((c for c in found if c.name is None), None))
    return _name(chosen, kind) if chosen else None


def _name(candidate: Candidate, kind: str) -> str:
    if candidate.name:
        return candidate.name
    country = str(candidate.country)
    if candidate.state:
        return candidate.state.format(country=country)
    template = "Government of {}" if kind in STATE_ACTS else "Armed Forces of {}"
    return _canonical(template.format(country))


@cache
def _canonical(name: str) -> str:
    """The actor list's own name for a made-up one ("Armed Forces of Azerbaijan" is its
    "Azerbaijani Armed Forces")."""
    from rightsledger.extract.organizations import find_organizations

    found = find_organizations(Doc(name))
    if found and found[0]["start"] == 0 and found[0]["end"] == len(name):
        return str(found[0]["name"])
    return name


def as_dict(candidate: Candidate) -> dict[str, Any]:
    return {"start": candidate.start, "end": candidate.end, "name": candidate.name,
            "country": candidate.country}
