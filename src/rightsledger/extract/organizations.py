"""Organisations and public actors from vocabularies/actors.json, found by one automaton.

    "the Armenian Ministry of Defense"          → am-mod (state_body, AM)
    "Международного комитета Красного Креста"  → icrc (international_org)
    "ՄԱԿ-ի Անվտանգության խորհրդի"              → un-sc
    "the Ministry of Defence" (no country)     → the country-specific ministry named last
                                                  before it in the document, else "mod"

Every alias of every actor, in every language, is one key of a single Aho–Corasick automaton
over lower-cased text (a lower-casing that keeps offsets: "İ" → "i", "ё" → "е", curly
apostrophes and no-break spaces made plain). A match must start and end on a word boundary;
Armenian and Azerbaijani aliases may end in a listed case ending ("կոմիտեի", "Nazirliyinin"),
Russian aliases carry "~" marks that the loader declines through the six cases ("Министерств~о
обороны" → "Министерства обороны", "Министерству обороны", …). Words of two or more capitals
("UN", "ICJ", "MoD", "ՄԱԿ") must be written in capitals in the text, so French "un" and
"UNDERSTAND" are not the UN. Where matches overlap the longest wins; every occurrence is one
mention. See docs/numbers-and-actors.md for the file format.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

import ahocorasick

from rightsledger.errors import BadInput
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage
from rightsledger.vocabularies import actors as known_actors

KINDS = ("state_body", "armed_force", "international_org", "court", "ngo", "ombudsman", "media",
         "person")
_FOLD = str.maketrans({"İ": "I", "ё": "е", "Ё": "Е", "’": "'", "ʼ": "'", "‘": "'",
                       "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\n": " ", "\t": " ",
                       "\u2011": "-", "\u2010": "-"})


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    folded = text.translate(_FOLD).lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))


@dataclass(frozen=True)
class _Alias:
    actor: str
    language: str
    form: str  # as written in the vocabulary, after declension
    exact: tuple[int, ...]  # positions that must match ``form`` letter for letter


@dataclass(frozen=True)
class _Vocabulary:
    actors: dict[str, dict[str, Any]]
    automaton: Any
    endings: dict[str, frozenset[str]]
    longest_ending: int


# -- loading -------------------------------------------------------------------------------

@cache
def vocabulary() -> _Vocabulary:
    data = cast(dict[str, Any], known_actors())
    actors = {a["id"]: a for a in data["actors"]}
    _check(data, actors)
    languages: dict[str, Any] = data.get("languages", {})
    keys: dict[str, list[_Alias]] = {}
    for actor in data["actors"]:
        for language, form, whole in _aliases(actor):
            for variant in _variants(form, language, languages):
                exact = tuple(range(len(variant))) if whole else _capitals(variant)
                keys.setdefault(fold(variant), []).append(
                    _Alias(actor["id"], language, variant, exact))
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    automaton.make_automaton()
    endings = {lang: frozenset(fold(e) for e in cfg.get("endings", []))
               for lang, cfg in languages.items()}
    longest = max((len(e) for es in endings.values() for e in es), default=0)
    return _Vocabulary(actors, automaton, endings, longest)


def _check(data: dict[str, Any], actors: dict[str, dict[str, Any]]) -> None:
    """Fail at load with one clear line when actors.json is malformed."""
    kinds = set(data.get("kinds", KINDS))
    if len(actors) != len(data["actors"]):
        raise BadInput("actors.json: two actors share an id; give each a unique 'id'")
    for actor in data["actors"]:
        for key in ("id", "name", "kind", "aliases"):
            if key not in actor:
                raise BadInput(f"actors.json: actor {actor.get('id', '?')} lacks '{key}'")
        if actor["kind"] not in kinds:
            raise BadInput(f"actors.json: actor {actor['id']} has kind '{actor['kind']}': "
                           f"choose one of {', '.join(sorted(kinds))}")
        for target in actor.get("resolves_to", []):
            if target not in actors:
                raise BadInput(f"actors.json: {actor['id']} resolves to unknown actor {target}")


def _aliases(actor: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(language, alias, whole alias in exact case) of one actor, its name included."""
    out = [("en", actor["name"], False)]
    for key, exact in (("aliases", False), ("exact_case", True)):
        for language, forms in actor.get(key, {}).items():
            out += [(language, form, exact) for form in forms]
    return out


def _variants(form: str, language: str, languages: dict[str, Any]) -> set[str]:
    """The alias with its declined forms, stem changes and spelling variants."""
    cfg = languages.get(language, {})
    forms = _declined(form, cfg) if "~" in form else {form}
    for old, new in cfg.get("stem_changes", []):
        forms |= {f[: -len(old)] + new for f in forms if f.endswith(old)}
    for a, b in cfg.get("spelling_variants", []):
        forms |= {f.replace(a, b) for f in forms} | {f.replace(a.lower(), b.lower())
                                                    for f in forms}
    if language == "hy":
        forms |= {f.replace("և", "եւ") for f in forms}
    return forms


def _declined(form: str, cfg: dict[str, Any]) -> set[str]:
    """Every case of an alias whose inflected words are marked "stem~ending"."""
    tables = cfg.get("declensions", {})
    soft = cfg.get("soft_after", "")
    words = form.split(" ")
    out: set[str] = set()
    for slot in range(12):
        choices = []
        for word in words:
            if "~" not in word:
                choices.append([word])
                continue
            stem, ending = word.split("~", 1)
            if ending not in tables:
                raise BadInput(f"actors.json: no declension for ending '{ending}' in '{form}'")
            cell = tables[ending][slot]
            endings = [cell] if isinstance(cell, str) else cell
            if stem and stem[-1].lower() in soft:
                endings = ["и" + e[1:] if e.startswith("ы") else e for e in endings]
            choices.append([stem + e for e in endings])
        out |= {" ".join(c) for c in itertools.product(*choices)}
    return out


def _capitals(form: str) -> tuple[int, ...]:
    """Positions of the words written with two or more capitals (UN, MoD, ՄԱԿ, U.N.)."""
    positions: list[int] = []
    start = 0
    for word in form.replace("-", " ").split(" "):
        if sum(c.isupper() for c in word) >= 2:
            positions += range(start, start + len(word))
        start += len(word) + 1
    return tuple(positions)


# -- matching ------------------------------------------------------------------------------

def find_organizations(doc: Doc) -> list[dict[str, Any]]:
    """One mention per occurrence of an actor, the longest alias winning where they overlap."""
    vocab = vocabulary()
    text = doc.text
    folded = fold(text)
    candidates = []
    for last, (length, entries) in vocab.automaton.iter(folded):
        start, end = last - length + 1, last + 1
        if start > 0 and folded[start - 1].isalnum():
            continue
        hit = _accept(text, folded, start, end, entries, vocab)
        if hit is not None:
            candidates.append((start, hit[0], hit[1]))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    found, reach = [], 0
    for start, end, alias in candidates:
        if start >= reach:
            found.append((start, end, alias))
            reach = end
    return _resolve(text, found, vocab.actors)


def _accept(text: str, folded: str, start: int, end: int, entries: tuple[_Alias, ...],
            vocab: _Vocabulary) -> tuple[int, _Alias] | None:
    """Where the mention ends (after a case ending) and which alias it is, if any fits."""
    tail = ""
    if end < len(folded) and folded[end].isalnum():
        stop = end
        while stop < len(folded) and folded[stop].isalnum() and stop - end <= vocab.longest_ending:
            stop += 1
        tail = folded[end:stop]
    for alias in entries:
        if tail and tail not in vocab.endings.get(alias.language, ()):
            continue
        if all(text[start + i] == alias.form[i] for i in alias.exact):
            return end + len(tail), alias
    return None


def _resolve(text: str, found: list[tuple[int, int, _Alias]],
             actors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions as dicts; a generic office takes the specific one named last before it."""
    out: list[dict[str, Any]] = []
    last_seen: dict[str, int] = {}  # actor id → index of its latest mention
    for start, end, alias in found:
        actor = actors[alias.actor]
        mention: dict[str, Any] = {}
        named = [t for t in actor.get("resolves_to", []) if t in last_seen]
        if named:
            mention["resolved_from"] = actor["id"]
            actor = actors[max(named, key=last_seen.__getitem__)]
        mention.update({"name": actor["name"], "actor_id": actor["id"], "kind": actor["kind"],
                        "country": actor.get("country"), "text": text[start:end],
                        "start": start, "end": end})
        last_seen[actor["id"]] = len(out)
        out.append(mention)
    return out


STAGE = Stage("organizations.v2", needs=(), adds="organizations", run=find_organizations)
