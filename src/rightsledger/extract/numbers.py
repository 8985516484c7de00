"""Numbers: figures in digits or words, normalised, with the counted noun and a qualifier.

    "more than 4,000 Armenians"   → value 4000, unit "Armenians", qualifier "at_least"
    "some 30 000 children"        → value 30000, unit "children", qualifier "about"
    "1.5 тыс. человек"            → value 1500, unit "человек", qualifier "exact"
    "des centaines de civils"     → value None, vague "hundreds", unit "civils"

``text``/``start``/``end`` cover the figure with its qualifier and multiplier ("more than
4,000", "120 тысяч"), not the counted noun, which is given as ``unit``. Dates, times, phone
numbers, references ("Article 2", "§ 3"), footnote marks, web addresses and model names
("Su-25") are masked first and never become numbers. See docs/numbers-and-actors.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import pairwise
from typing import Any

from rightsledger.extract.dating import words
from rightsledger.extract.document import Doc
from rightsledger.extract.stage import Stage

Number = int | float
_SP = "[\\s\u00a0\u202f\u2009]"
_DIGITS = (r"(?<![\w.,/#+])(?:\d{1,3}(?:(?P<g>[,.'’ \u00a0\u202f\u2009])\d{3})(?:(?P=g)\d{3})*"
           r"(?!\d)(?:(?!(?P=g))[.,]\d+(?!\d))?|\d+(?:[.,]\d+)?(?!\d))")
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "֏": "AMD", "₼": "AZN"}
_ATTACHED = re.compile(r"(km2|km²|km|kg|mm|cm|m|t|%)(?!\w)")
_CURRENCY_MULT = re.compile(r"(?i)(bn|m|k)(?!\w)")
_WORD = re.compile(r"[^\S\n]*\n?[^\S\n]*(?:-[^\S\n]*)?([^\W\d_]+(?:['’-][^\W\d_]+)*)")
_PERCENT = re.compile(r"(?i)[^\S\n]?(?:%|‰|per[^\S\n]?cent|percent|процент\w*|pour[^\S\n]?cent"
                      r"|տոկոս\w*|faiz\w*)(?!\w)")
_AREA = re.compile(r"(?i)[^\S\n]?(?:km2|km²|sq\.?[^\S\n]?km|square[^\S\n]+kilomet(?:re|er)s?"
                   r"|кв\.?[^\S\n]?км|км2|км²|квадратн\w+[^\S\n]+километр\w*|կմ2|կմ²"
                   r"|քառ\.?[^\S\n]?կմ|քառակուսի[^\S\n]+կիլոմետր\w*|kv\.?[^\S\n]?km)(?!\w)")
_DAY_BEFORE = re.compile(r"(?i)(?<!\w)(day|день|jour|օր|gün)[\s\u00a0]+$")
_DAY_AFTER = re.compile(r"(?i)[\s\u00a0]+(days?|день|дня|дне|jours?|օր\w*|gün\w*)(?!\w)")
_QUALIFIERS = ("at_least", "at_most", "about")
_DIGIT_RUN = re.compile(r"\d+")


@dataclass(frozen=True)
class _Rules:
    """Everything compiled for one language (or for all when the language is unknown)."""

    core: re.Pattern[str]
    token: re.Pattern[str]
    words: dict[str, tuple[str, Number]]
    alone: frozenset[str]  # word numbers that need a counted noun when alone ("one")
    never_alone: frozenset[str]  # articles that are numbers only inside a larger number
    multiplier: re.Pattern[str]
    ordinal: re.Pattern[str]
    suffix: re.Pattern[str]
    before: re.Pattern[str]
    after: re.Pattern[str]
    after_kinds: tuple[str, ...]
    of: re.Pattern[str]
    stop: frozenset[str]
    modifier: re.Pattern[str]
    approx: dict[str, int]
    special: dict[str, int]
    masks: re.Pattern[str]
    vague_needs_of: bool


def _alt(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _forms(spec: str, kind: str) -> dict[str, tuple[str, Number]]:
    """'4: four; 5: five cinq' → {"four": (kind, 4), ...}."""
    out: dict[str, tuple[str, Number]] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        value, forms = part.split(":")
        number: Number = float(value) if "." in value else int(value)
        for form in forms.split():
            out[form.lower()] = (kind, number)
    return out


def _words_of(spec: dict[str, Any]) -> dict[str, tuple[str, Number]]:
    words = _forms(spec.get("add", ""), "add")
    words.update(_forms(spec.get("mul", ""), "mul"))
    words.update(_forms(spec.get("scale", ""), "scale"))
    return words


def _escaped(forms: list[str]) -> str:
    return _alt([re.escape(f) for f in sorted(forms, key=len, reverse=True)])


def _word_pattern(specs: list[dict[str, Any]]) -> str:
    one = _alt([_escaped(list(_words_of(s))) + (s.get("word_suffix") or "") for s in specs])
    word = rf"(?<!\w){one}(?!\w)"
    joiners = _alt([s.get("joiner", "") for s in specs])
    join = rf"(?:{_SP}*-{_SP}*|{_SP}+(?:{joiners}{_SP}+)?)"
    article = _alt([s.get("article", "") for s in specs])
    return rf"(?:{article})?{word}(?:{join}{word})*"


def _multiplier(specs: list[dict[str, Any]]) -> re.Pattern[str]:
    groups = []
    for power in (3, 6, 9):
        alts = _alt([s["mult"].get(power, "") for s in specs if "mult" in s])
        groups.append(rf"(?P<x{power}>{alts})")
    return re.compile(rf"(?i){_SP}+(?:{'|'.join(groups)})(?!\w)")


def _qualifiers(specs: list[dict[str, Any]]) -> re.Pattern[str]:
    groups = [rf"(?P<{q}>{_alt([s.get(q, '') for s in specs])})" for q in _QUALIFIERS]
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(groups)})(?:[\s\u00a0]+|(?<=['’]))$")


def _after(specs: list[dict[str, Any]]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    pairs = [pair for s in specs for pair in s.get("after", [])]
    pattern = "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(pairs)) or "(?!x)x"
    return re.compile(f"(?i)(?:{pattern})"), tuple(q for _, q in pairs)


def _mask_pattern(languages: tuple[str, ...]) -> re.Pattern[str]:
    months = "|".join(MONTHS[lang] for lang in ("en", *languages) if lang in MONTHS)
    month = rf"(?<!\w)(?:{months})(?!\w)\.?"
    day = (r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th|er|-?(?:го|ого|е|ое|м|ому|ին"
           r"|ից|ի|ը|ն|də|da|dən|dan|[ıiuü]|s[ıiuü]|nd[əa]))?(?!\d|[.,]\d{3}(?!\d))")
    span = rf"{day}(?:{_SP}*(?i:-|–|—|to|and|until|till|through|до|по|au|à|et|ու|և){_SP}*{day})?"
    year = r"(?:,?[\s\u00a0]+(?:19|20)\d{2}(?!\d))?"
    refs = (rf"(?i:(?<!\w)(?:{REFERENCE_WORDS})(?!\w)\.?{_SP}*(?:no\.?{_SP}*|№{_SP}*)?)"
            r"\d+(?:[.\-]\d+)*(?:\s?\(\w{1,3}\))*(?![.,]\d{3})"
            rf"(?:{_SP}*(?i:,|and|or|et|ou|и|или|և|ու|-|–){_SP}*\d+(?:[.\-]\d+)*"
            r"(?:\s?\(\w{1,3}\))*(?![.,]\d{3}))*")
    parts = [
        r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|#\w+",
        r"(?<![\d.])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d|[.,]\d)",
        r"(?<![\d.])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)",
        r"(?<![\d.,])(?:0?[1-9]|1[0-2])[./](?:19|20)\d{2}(?!\d)",
        rf"{span}[\s\u00a0]+(?i:of[\s\u00a0]+|de[\s\u00a0]+)?{month}{year}",
        rf"{month}[\s\u00a0]+{span}{year}",
        r"(?:(?<!\w)\+|(?<!\d)00)\d{1,3}[\s\-.]?\(?\d{1,4}\)?(?:[\s\-.]?\d{2,4}){2,4}",
        r"\(\d{2,5}\)[\s\u00a0]?\d{2,4}(?:[\s\-]\d{2,4}){1,3}",
        r"(?<![\d-])\d{2,4}(?:-\d{2,3}){2,3}(?![\d-])",
        r"(?i:(?<!\d)(?:[01]?\d|2[0-3])[:h]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?!\d))",
        r"(?i:(?<!\d)(?:1[0-2]|0?[1-9])\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w))",
        r"(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::\d{2})?",
        refs,
        r"\(\d{1,3}\)|\[\d{1,3}\]|(?m:^[ \t]*\(?\d{1,2}[.)](?=[ \t]))",
        r"(?<![\w/])\d+(?:/\d+)+(?![\w/])",
    ]
    return re.compile("|".join(f"(?:{p})" for p in parts))


@cache
def _rules(language: str | None) -> _Rules:
    languages = (language,) if language in SPEC else ("en", "ru", "fr", "hy")
    specs = [SPEC[lang] for lang in languages]
    words: dict[str, tuple[str, Number]] = {}
    for spec in specs:
        words.update(_words_of(spec))
    words.update({"a": ("a", 1), "an": ("a", 1)})
    approx = {k: v for s in specs for k, v in s.get("approx", {}).items()}
    special = {k: v for s in specs for k, v in s.get("special", {}).items()}
    # One look-behind up front lets the engine skip the middle of every word at once.
    core = (rf"(?<!\w)(?:(?P<vague>{_alt([s.get('vague', '') for s in specs])})(?!\w)"
            rf"|(?P<approx>{_alt([s.get('approx_pattern', '') for s in specs])})(?!\w)"
            rf"|(?P<special>{_escaped(list(special)) if special else '(?!x)x'})(?!\w)"
            rf"|(?P<cur>[$€£₽֏₼]{_SP}?)?(?P<num>{_DIGITS})"
            rf"|(?P<words>{_word_pattern(specs)}))")
    forms = _escaped([w for w in words if words[w][0] != "a"] + ["a", "an"])
    suffixes = _alt([s.get("word_suffix") or "" for s in specs])
    after, after_kinds = _after(specs)
    return _Rules(
        core=re.compile(core, re.IGNORECASE),
        token=re.compile(rf"(?i)(?<!\w)(?P<f>{forms})(?:{suffixes})?(?!\w)"),
        words=words,
        alone=frozenset(w for s in specs for w in s.get("alone", "").split()),
        never_alone=frozenset(w for s in specs for w in s.get("never_alone", "").split()),
        multiplier=_multiplier(specs),
        ordinal=re.compile("(?i)" + _alt([s.get("ordinal", "") for s in specs])),
        suffix=re.compile("(?i)" + _alt([s.get("suffix", "") for s in specs])),
        before=_qualifiers(specs),
        after=after, after_kinds=after_kinds,
        of=re.compile(rf"(?i)[^\S\n]+{_alt([s.get('of', '') for s in specs])}"
                      r"(?:[^\S\n]+|(?<=['’]))"),
        stop=frozenset(w for s in specs for w in s.get("stop", "").split()),
        modifier=re.compile(_alt([s.get("modifier", "") for s in specs]) + "$"),
        approx=approx, special=special,
        masks=_mask_pattern(languages if language in languages or language not in MONTHS
                            else (*languages, language)),  # its dates, though no words
        vague_needs_of=all(lang in ("en", "fr") for lang in languages)
        or language is None,
    )


# -- the stage -------------------------------------------------------------------------------

def find_numbers(doc: Doc) -> list[dict[str, Any]]:
    """Every figure of ``doc.text``, in order, none of them inside a date or a reference."""
    text, rules = doc.text, _rules(doc.language)
    starts, ends = _masks(text, rules)
    found: list[dict[str, Any]] = []
    pos = 0
    while (m := rules.core.search(text, pos)) is not None:
        start = m.start()
        i = bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:  # starts inside a date, a reference, a phone number
            pos = ends[i]
            continue
        if i + 1 < len(starts) and starts[i + 1] < m.end():  # runs into one: stop before it
            m = rules.core.match(text, start, starts[i + 1])
            if m is None:
                pos = ends[i + 1]
                continue
        item, pos = _read(text, m, rules)
        pos = max(pos, start + 1)
        if item is not None:
            found.append(item)
    return _ranges(text, found)


_RANGE_DASH = re.compile(r"[\s\u00a0]*[-–—][\s\u00a0]*$")
_RANGE_WORD = re.compile(r"(?i)[\s\u00a0]+(?:and|to|и|до|et|à|au|և|ու|մինչև|-ից)[\s\u00a0]+$")
_RANGE_OPEN = re.compile(r"(?i)(?<!\w)(?:between|from|от|с|entre|de|du)[\s\u00a0]+$")


def _ranges(text: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ranges ("5–7 km", "between 5 and 10 trucks"): low end at_least, high end at_most."""
    for low, high in pairwise(found):
        if low["value"] is None or high["value"] is None or low["value"] >= high["value"]:
            continue
        between = text[low["end"]:high["start"]]
        dash = _RANGE_DASH.match(between) and not low["unit"]
        joined = _RANGE_WORD.match(between) or (
            between.isspace() and high["text"].lower().startswith(("до", "jusqu", "մինչ")))
        opened = joined and _RANGE_OPEN.search(text, max(0, low["start"] - 10), low["start"])
        if not (dash or opened):
            continue
        low["qualifier"] = "at_least" if low["qualifier"] == "exact" else low["qualifier"]
        high["qualifier"] = "at_most" if high["qualifier"] in ("exact", "at_most") else \
            high["qualifier"]
        low["unit"] = low["unit"] or high["unit"]
    return found


def _masks(text: str, rules: _Rules) -> tuple[list[int], list[int]]:
    """Spans of dates, references, phone numbers… Every one holds a digit, so only the text
    around digits is scanned (the mask pattern is the slow part on long texts)."""
    text = text.translate(words.WESTERN_DIGITS)  # "١٢ أكتوبر": the masks read Western digits
    starts: list[int] = []
    ends: list[int] = []
    window = (0, 0)
    for digits in _DIGIT_RUN.finditer(text):
        low, high = max(0, digits.start() - 80), min(len(text), digits.end() + 80)
        if low <= window[1]:
            window = (window[0], high)
            continue
        _scan(text, rules, window, starts, ends)
        window = (low, high)
    _scan(text, rules, window, starts, ends)
    return starts, ends


def _scan(text: str, rules: _Rules, window: tuple[int, int], starts: list[int],
          ends: list[int]) -> None:
    for m in rules.masks.finditer(text, *window):
        if m.end() > m.start() and (not ends or m.start() >= ends[-1]):
            starts.append(m.start())
            ends.append(m.end())


def _read(text: str, m: re.Match[str], rules: _Rules) -> tuple[dict[str, Any] | None, int]:
    """The number that ``m`` starts, and where to look for the next one."""
    if m.group("num") is not None:
        return _read_digits(text, m, rules)
    if m.group("words") is not None:
        return _read_words(text, m, rules)
    if m.group("vague") is not None:
        return _read_vague(text, m, rules)
    key = (m.group("approx") or m.group("special")).lower()
    key = re.sub(r"\s+", " ", key)
    if m.group("approx") is not None:
        value = next(v for k, v in rules.approx.items() if key.endswith(k))
        return _finish(text, rules, m.start(), m.end(), value, default="about")
    return _finish(text, rules, m.start(), m.end(), rules.special[key])


def _read_digits(text: str, m: re.Match[str], rules: _Rules) -> tuple[dict | None, int]:
    start, end = m.start(), m.end("num")
    raw, group = m.group("num"), m.group("g")
    if _glued(text, start):
        return None, end  # a model name: Su-25, COVID-19
    value = _decimal(raw, group)
    unit = _CURRENCY[m.group("cur").strip()] if m.group("cur") else None
    if unit and (cm := _CURRENCY_MULT.match(text, end)):
        value *= {"k": 10**3, "m": 10**6, "bn": 10**9}[cm.group(1).lower()]
        end = cm.end()
    if (o := rules.ordinal.match(text, end)) and o.end() > end:
        day = _DAY_AFTER.match(text, o.end())
        if day is None:
            return None, o.end()  # an ordinal: "2nd", "12-го", "3-րդ"
        return _finish(text, rules, start, o.end(), value, unit=day.group(1),
                       after_unit=day.end())
    if (s := rules.suffix.match(text, end)) and s.end() > end:
        end = s.end()
    attached = _ATTACHED.match(text, end)
    if attached:
        unit = "km2" if attached.group(1) in ("km2", "km²") else attached.group(1)
    elif end < len(text) and text[end].isalnum():
        return None, end + 1  # glued to letters: 4G, 2S1
    year = group is None and len(raw) == 4 and 1800 <= int(raw) <= 2099 and not unit
    return _finish(text, rules, start, end, value, unit=unit, year=year,
                   after_unit=attached.end() if attached else None)


def _read_words(text: str, m: re.Match[str], rules: _Rules) -> tuple[dict | None, int]:
    tokens = [(t.group("f").lower(), t.end()) for t in rules.token.finditer(text, m.start(),
                                                                             m.end())]
    value, end, count = _parse(tokens, rules.words)
    first, start = tokens[0][0], m.start()
    if count == 1 and first in rules.never_alone or _glued(text, start):
        return None, end  # "a", "un", "thousand-year-old", "sub-zero"
    return _finish(text, rules, m.start(), end, value,
                   needs_unit=count == 1 and first in rules.alone)


def _read_vague(text: str, m: re.Match[str], rules: _Rules) -> tuple[dict | None, int]:
    words = re.findall(r"\w+", m.group("vague").lower())
    labels = [label for w in words if (label := next(
        (lb for prefix, lb in VAGUE_LABELS if w.startswith(prefix)), None))]
    if not labels:
        return None, m.end()
    singular = {"сотни": 100, "тысячи": 1000, "миллиона": 10**6}
    if len(words) == 1 and words[0] in singular and \
            rules.before.search(text, max(0, m.start() - 40), m.start()):
        return _finish(text, rules, m.start(), m.end(), singular[words[0]])  # "более тысячи"
    label = labels[0] if len(labels) == 1 else \
        f"{'tens' if labels[0] == 'dozens' else labels[0]} of {labels[-1]}"
    # "hundreds of people" needs its "of"; "several hundred homes" does not
    needs_of = rules.vague_needs_of and m.group("vague").endswith("s")
    return _finish(text, rules, m.start(), m.end(), None, vague=label, needs_of=needs_of)


def _parse(tokens: list[tuple[str, int]],
           table: dict[str, tuple[str, Number]]) -> tuple[Number, int, int]:
    """The value of number words ("two hundred and five thousand"), where they stop, how many.

    Additive words must fall ("twenty five", "soixante dix sept"); a scale word must be
    smaller than the one before it. Words that break the rule start a new number.
    """
    total: Number = 0
    group: Number = 0
    last_add: Number | None = None
    last_scale: Number | None = None
    last_kind = ""
    end, count = tokens[0][1], 0
    for form, token_end in tokens:
        kind, v = table[form]
        if kind == "a":
            if count:
                break
            group = 1
        elif kind == "add":
            if last_add is not None and v >= last_add:
                break
            group, last_add = group + v, v
        elif kind == "mul":
            if last_kind in ("mul", "scale") or group >= v:
                break
            group, last_add = (group or 1) * v, v
        else:
            if last_scale is not None and v >= last_scale:
                break
            total, group, last_add, last_scale = total + (group or 1) * v, 0, None, v
        last_kind, end, count = kind, token_end, count + 1
    return _plain(total + group), end, count


def _glued(text: str, start: int) -> bool:
    """Whether the number hangs on a word by a hyphen: Su-25, sub-zero."""
    return start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalpha()


def _decimal(raw: str, group: str | None) -> Decimal:
    if group:
        raw = raw.replace(group, "")
    return Decimal(raw.replace(",", "."))


def _plain(value: Any) -> Number:
    """An int when whole, else a float."""
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def _finish(text: str, rules: _Rules, start: int, end: int, value: Any, *,
            unit: str | None = None, default: str = "exact", vague: str | None = None,
            year: bool = False, needs_unit: bool = False, needs_of: bool = False,
            after_unit: int | None = None) -> tuple[dict | None, int]:
    """Multiplier, qualifiers and counted noun around a figure; None when it is no count."""
    if value is not None and (mult := rules.multiplier.match(text, end)):
        power = next(p for p in (3, 6, 9) if mult.group(f"x{p}") is not None)
        value, end, year = Decimal(str(value)) * 10**power, mult.end(), False
    qualifier = None
    if (after := rules.after.match(text, end)) and after.end() > end:
        qualifier = rules.after_kinds[int(after.lastgroup[1:])]  # type: ignore[index]
        end = after.end()
    next_pos = end
    if unit is None:
        unit, next_pos = _unit(text, end, rules, needs_of)
    elif after_unit is not None:
        next_pos = after_unit
    before = rules.before.search(text, max(0, start - 40), start)
    if before is not None:
        qualifier = before.lastgroup
        start = before.start()
    if unit is None and (day := _DAY_BEFORE.search(text, max(0, start - 12), start)):
        unit = day.group(1)  # "day 100 of the blockade"
    if year and not _counts(unit):
        return None, next_pos  # a year: "the 2020 war"
    if needs_unit and unit is None:
        return None, next_pos  # "one of them", "no one"
    item: dict[str, Any] = {
        "value": None if value is None else _plain(value), "unit": unit,
        "text": text[start:end], "start": start, "end": end,
        "qualifier": "vague" if vague else qualifier or default}
    if vague:
        item["vague"] = vague
    return item, next_pos


def _counts(unit: str | None) -> bool:
    return unit is not None and unit.lower().startswith(COUNT_NOUNS)


def _unit(text: str, pos: int, rules: _Rules, needs_of: bool) -> tuple[str | None, int]:
    """The counted noun after a figure (skipping adjectives: "armored vehicles")."""
    for pattern, unit in ((_PERCENT, "%"), (_AREA, "km2")):
        if m := pattern.match(text, pos):
            return unit, m.end()
    of = rules.of.match(text, pos)
    if of is not None:
        pos = of.end()
    elif needs_of:
        return None, pos  # "thousands fled": no counted noun without "of"
    words: list[tuple[str, int]] = []
    start = pos
    while len(words) < 3 and (w := _WORD.match(text, pos)):
        words.append((w.group(1), w.end()))
        pos = w.end()
    if not words or not _acceptable(words[0][0], rules):
        return None, pos
    if text[start:start + 1] == "-":
        return words[0]  # "44-day war", "44-дневная война"
    i = 0
    while i + 1 < len(words) and rules.modifier.match(words[i][0]) and \
            _acceptable(words[i + 1][0], rules):
        i += 1
    return words[i]


def _acceptable(word: str, rules: _Rules) -> bool:
    lower = word.lower()
    return lower not in rules.stop and lower not in rules.words


# -- language tables -------------------------------------------------------------------------
# Each language: number words ("add" fall in value, "mul" multiply the group, "scale" close
# it), multipliers after digits, qualifiers before and after, vague counts, suffixes glued to
# digits, words that never name the counted noun ("stop"), adjectives that may stand between
# a figure and its noun ("modifier").

_S = r"[\s\u00a0]+"
SPEC: dict[str, dict[str, Any]] = {
    "en": {
        "add": "0: zero; 1: one; 2: two; 3: three; 4: four; 5: five; 6: six; 7: seven; "
               "8: eight; 9: nine; 10: ten; 11: eleven; 12: twelve; 13: thirteen; "
               "14: fourteen; 15: fifteen; 16: sixteen; 17: seventeen; 18: eighteen; "
               "19: nineteen; 20: twenty; 30: thirty; 40: forty; 50: fifty; 60: sixty; "
               "70: seventy; 80: eighty; 90: ninety",
        "mul": "100: hundred; 12: dozen",
        "scale": "1000: thousand; 1000000: million; 1000000000: billion",
        "joiner": "and",
        "article": rf"(?<!\w)an?{_S}(?=(?:hundred|thousand|million|billion|dozen)(?!\w))",
        "alone": "one", "never_alone": "a an hundred thousand million billion dozen",
        "special": {"half a million": 500_000, "half a billion": 500_000_000},
        "mult": {3: "thousand", 6: r"million|mln\.?", 9: r"billion|bn|bln"},
        "ordinal": r"(?:st|nd|rd|th)(?!\w)",
        "at_least": rf"more{_S}than|well{_S}over|over|at{_S}least|in{_S}excess{_S}of|"
                    rf"upwards{_S}of|no{_S}(?:fewer|less){_S}than|not{_S}(?:fewer|less)"
                    rf"{_S}than|a{_S}minimum{_S}of|above",
        "at_most": rf"up{_S}to|less{_S}than|fewer{_S}than|under|at{_S}most|no{_S}more{_S}than|"
                   rf"not{_S}more{_S}than|a{_S}maximum{_S}of|as{_S}many{_S}as|below",
        "about": rf"some|about|around|nearly|almost|approximately|approx\.|roughly|"
                 rf"an{_S}estimated|estimated|close{_S}to|circa|ca\.",
        "after": [(rf"{_S}or{_S}more(?!\w)", "at_least"), (r"\+(?![\w\d])", "at_least"),
                  (rf"{_S}or{_S}so(?!\w)", "about"), (rf"{_S}or{_S}(?:fewer|less)(?!\w)",
                                                      "at_most")],
        "vague": rf"(?:several|a{_S}few|few|many){_S}(?:hundred|thousand|million|dozen)"
                 rf"(?:{_S}thousand)?|(?:tens|hundreds|dozens){_S}of{_S}(?:thousands|millions)"
                 r"|tens|hundreds|thousands|millions|dozens",
        "of": "of",
        "stop": "a an the and or but nor of in on at to from by for with without was were is "
                "are be been being has have had do did does that which who whom whose this "
                "these those it its their his her our your my as per since after before "
                "until till between than more less times out up down into onto over under "
                "about around then there here when where while what not no so such also only "
                "all any each every another same own very just them they we you he she i me "
                "us him one ones days' year years' remain remained left died fled among "
                "against across through during via",
        "modifier": r"[A-Z][\w'’-]*[^s\W]|[a-z]+(?:ed|al|ian|ese|ish|ive|ful|less|ous|ic|ary"
                    r"|ing|ern)|other|more|new|additional|further|young|old|small|large|local"
                    r"|foreign|innocent|elderly|multiple|several|different|separate|total",
    },
    "ru": {
        "add": "1: один одна одно одного одной одному одним одном одну; "
               "2: два две двух двум двумя двое двоих; 3: три трёх трех трём трем тремя трое "
               "троих; 4: четыре четырёх четырех четырём четырем четырьмя четверо четверых; "
               "5: пять пяти пятью пятеро пятерых; 6: шесть шести шестью шестеро; "
               "7: семь семи семью семеро; 8: восемь восьми восемью восьмью; "
               "9: девять девяти девятью; 10: десять десяти десятью; "
               "11: одиннадцать одиннадцати; 12: двенадцать двенадцати; "
               "13: тринадцать тринадцати; 14: четырнадцать четырнадцати; "
               "15: пятнадцать пятнадцати; 16: шестнадцать шестнадцати; "
               "17: семнадцать семнадцати; 18: восемнадцать восемнадцати; "
               "19: девятнадцать девятнадцати; 20: двадцать двадцати двадцатью; "
               "30: тридцать тридцати тридцатью; 40: сорок сорока; "
               "50: пятьдесят пятидесяти; 60: шестьдесят шестидесяти; "
               "70: семьдесят семидесяти; 80: восемьдесят восьмидесяти; "
               "90: девяносто девяноста; 100: сто ста; 200: двести двухсот двумстам; "
               "300: триста трёхсот трехсот; 400: четыреста четырёхсот четырехсот; "
               "500: пятьсот пятисот; 600: шестьсот шестисот; 700: семьсот семисот; "
               "800: восемьсот восьмисот; 900: девятьсот девятисот; "
               "1.5: полтора полторы полутора",
        "scale": "1000: тысяча тысячи тысяч тысячу тысячей тысячам тысячами тысячах; "
                 "1000000: миллион миллиона миллионов миллионе миллионам миллионами; "
                 "1000000000: миллиард миллиарда миллиардов",
        "alone": "один одна одно одного одной одному одним одном одну",
        "special": {"полмиллиона": 500_000, "полмиллиарда": 500_000_000},
        "approx": {"десяток": 10, "десятка": 10, "сотня": 100, "сотню": 100, "сотней": 100},
        "approx_pattern": r"десят(?:ок|ка)|сотн(?:я|ю|ей)",
        "mult": {3: r"тысяч[аиуей]?|тысячами|тыс\.?", 6: r"миллион(?:а|ов|ами)?|млн\.?",
                 9: r"миллиард(?:а|ов)?|млрд\.?"},
        "suffix": r"-(?:х|ти|ми|ью|и)(?!\w)",
        "ordinal": r"-(?:й|го|ого|ему|му|м|ом|я|ая|е|ое|ые|ый|ой|ую|ю|ым)(?!\w)",
        "at_least": rf"более,?{_S}чем|более|больше,?{_S}чем|больше|свыше|не{_S}менее,?{_S}чем|"
                    rf"не{_S}менее|не{_S}меньше|по{_S}меньшей{_S}мере|как{_S}минимум|минимум|"
                    rf"по{_S}крайней{_S}мере",
        "at_most": rf"вплоть{_S}до|до|не{_S}более,?{_S}чем|не{_S}более|не{_S}больше|"
                   rf"менее,?{_S}чем|менее|меньше|максимум|не{_S}свыше",
        "about": r"около|примерно|приблизительно|порядка|почти|ориентировочно|где-то",
        "after": [(rf"{_S}(?:и|или){_S}(?:более|больше)(?!\w)", "at_least"),
                  (rf"{_S}с{_S}(?:лишним|небольшим)(?!\w)", "at_least")],
        "vague": rf"(?:несколько|нескольких|многие|многих){_S}(?:десятк\w*|сот(?:ен|ни|ням|нями)"
                 rf"|тысяч\w*|миллион\w*)(?:{_S}(?:тысяч|миллионов))?|(?:десятк(?:и|ов|ами|ах)"
                 rf"|сотн(?:и|ям|ями|ях)|сотен|тысяч(?:и|ами|ах)|миллион(?:ы|ами|ах)|миллиона)"
                 rf"(?:{_S}(?:тысяч|миллионов))?",
        "stop": "и в во на с со по из к ко от до за для о об обо у не ни что как а но или же "
                "ли бы был была были было быть является при через над под между уже ещё еще "
                "только все всех всего это эти этот тот та те их его ее её им них из-за чем "
                "более менее свыше около человек-",
        "modifier": r"(?i:\w+(?:ских|цких|ных|ские|ные|ский|ный|ская|ная|ское|ное|ского|ного"
                    r"|ским|ным|скими|ными|ской|ной))",
    },
    "fr": {
        "add": "0: zéro; 1: un une; 2: deux; 3: trois; 4: quatre; 5: cinq; 6: six; 7: sept; "
               "8: huit; 9: neuf; 10: dix; 11: onze; 12: douze; 13: treize; 14: quatorze; "
               "15: quinze; 16: seize; 20: vingt vingts; 30: trente; 40: quarante; "
               "50: cinquante; 60: soixante; 80: quatre-vingt quatre-vingts",
        "mul": "100: cent cents",
        "scale": "1000: mille; 1000000: million millions; 1000000000: milliard milliards",
        "joiner": "et",
        "alone": "neuf", "never_alone": "un une",
        "approx": {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
                   "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
                   "centaine": 100, "millier": 1000},
        "approx_pattern": rf"(?:une?{_S})?(?:dizaine|douzaine|quinzaine|vingtaine|trentaine"
                          r"|quarantaine|cinquantaine|soixantaine|centaine|millier)",
        "mult": {3: "mille", 6: r"millions?", 9: r"milliards?"},
        "ordinal": r"(?:e|er|re|ère|ème|eme|è)(?!\w)",
        "at_least": rf"plus{_S}de|plus{_S}d['’]|au{_S}moins|pas{_S}moins{_S}d(?:e{_S}|['’])|"
                    rf"au{_S}minimum",
        "at_most": rf"jusqu['’]à|jusqu['’]a|moins{_S}de|moins{_S}d['’]|au{_S}plus|"
                   rf"au{_S}maximum|pas{_S}plus{_S}d(?:e{_S}|['’])",
        "about": rf"environ|près{_S}de|près{_S}d['’]|presque|quelque|quasiment|"
                 rf"approximativement|autour{_S}de|aux{_S}alentours{_S}de|pas{_S}loin{_S}de|"
                 r"pratiquement",
        "after": [(rf"{_S}(?:et|ou){_S}plus(?!\w)", "at_least")],
        "vague": rf"(?:(?:des|plusieurs|quelques|de|les){_S})?(?:dizaines|centaines|milliers"
                 rf"|millions)(?:{_S}de{_S}(?:milliers|millions))?",
        "of": r"de|d['’]",
        "stop": "et ou de des du d la le les l un une à au aux en dans par pour sur sous avec "
                "sans est sont était étaient a ont été être que qui dont ne pas plus moins se "
                "sa son ses leur leurs ce cette ces il elle ils elles on y entre depuis après "
                "avant selon contre parmi",
    },
    "uk": {
        "add": "1: один одна одне одного однієї одній одному одним одну; "
               "2: два дві двох двом двома двоє двоїх; 3: три трьох трьом трьома троє троїх; "
               "4: чотири чотирьох чотирьом чотирма четверо; 5: п'ять п'яти п'ятьма п'ятеро; "
               "6: шість шести шістьма шестеро; 7: сім семи сімома семеро; "
               "8: вісім восьми вісьмома восьмеро; 9: дев'ять дев'яти дев'ятеро; "
               "10: десять десяти десятеро; 11: одинадцять одинадцяти; "
               "12: дванадцять дванадцяти; 13: тринадцять тринадцяти; "
               "14: чотирнадцять чотирнадцяти; 15: п'ятнадцять п'ятнадцяти; "
               "16: шістнадцять шістнадцяти; 17: сімнадцять сімнадцяти; "
               "18: вісімнадцять вісімнадцяти; 19: дев'ятнадцять дев'ятнадцяти; "
               "20: двадцять двадцяти; 30: тридцять тридцяти; 40: сорок сорока; "
               "50: п'ятдесят п'ятдесяти; 60: шістдесят шістдесяти; 70: сімдесят сімдесяти; "
               "80: вісімдесят вісімдесяти; 90: дев'яносто; 100: сто ста; "
               "200: двісті двохсот; 300: триста трьохсот; 400: чотириста; 500: п'ятсот",
        "scale": "1000: тисяча тисячі тисяч; 1000000: мільйон мільйона мільйонів; "
                 "1000000000: мільярд мільярда мільярдів",
        "alone": "один одна одне одного одну",
        "mult": {3: r"тисяч[аіуею]?|тис\.?", 6: r"мільйон(?:а|ів|ами)?|млн\.?",
                 9: r"мільярд(?:а|ів|ами)?|млрд\.?"},
        "ordinal": r"-(?:й|го|ого|му|ому|м|ий|а|е|і|ї)(?!\w)",
        "at_least": rf"понад|більше,?{_S}ніж|більше|щонайменше|не{_S}менше,?{_S}ніж|"
                    rf"не{_S}менш{_S}як|принаймні|щонайменш",
        "at_most": rf"до|не{_S}більше,?{_S}ніж|менше,?{_S}ніж|максимум",
        "about": r"близько|приблизно|майже|орієнтовно|біля",
        "vague": rf"(?:кілька|декілька|багато){_S}(?:десятків|сотень|тисяч|мільйонів)"
                 r"|десятки|сотні|тисячі|мільйони",
        "stop": "і й та але що як це ці цей той ті їх його її їм з із від до на у в за по при "
                "для про без після перед через між над під серед ще вже було були",
    },
    "it": {
        "add": "0: zero; 1: uno una un; 2: due; 3: tre; 4: quattro; 5: cinque; 6: sei; "
               "7: sette; 8: otto; 9: nove; 10: dieci; 11: undici; 12: dodici; 13: tredici; "
               "14: quattordici; 15: quindici; 16: sedici; 17: diciassette; 18: diciotto; "
               "19: diciannove; 20: venti; 30: trenta; 40: quaranta; 50: cinquanta; "
               "60: sessanta; 70: settanta; 80: ottanta; 90: novanta",
        "mul": "100: cento",
        "scale": "1000: mille mila; 1000000: milione milioni; 1000000000: miliardo miliardi",
        "alone": "uno", "never_alone": "un una",
        "mult": {3: r"mila|mille", 6: r"milion[ei]|mln\.?", 9: r"miliard[oi]|mld\.?"},
        "ordinal": r"(?:º|ª|°)(?!\w)",
        "at_least": rf"più{_S}di|oltre|almeno|non{_S}meno{_S}di",
        "at_most": rf"fino{_S}a|meno{_S}di|al{_S}massimo|non{_S}più{_S}di",
        "about": rf"circa|quasi|intorno{_S}a|approssimativamente|pressoché|all['’]incirca",
        "vague": rf"(?:alcune|diverse|molte){_S}(?:decine|centinaia|migliaia)"
                 r"|decine|centinaia|migliaia|milioni",
        "of": r"di|d['’]",
        "stop": "e ed o di da del della dei delle degli in nel nella nei con su per tra fra a "
                "al alla ai il lo la i gli le che chi è sono era erano stato stati ha hanno non "
                "più meno anche già",
    },
    "es": {
        "add": "0: cero; 1: uno una un; 2: dos; 3: tres; 4: cuatro; 5: cinco; 6: seis; "
               "7: siete; 8: ocho; 9: nueve; 10: diez; 11: once; 12: doce; 13: trece; "
               "14: catorce; 15: quince; 16: dieciséis; 17: diecisiete; 18: dieciocho; "
               "19: diecinueve; 20: veinte; 30: treinta; 40: cuarenta; 50: cincuenta; "
               "60: sesenta; 70: setenta; 80: ochenta; 90: noventa",
        "mul": "100: cien ciento",
        "scale": "1000: mil; 1000000: millón millones",
        "joiner": "y",
        "alone": "uno", "never_alone": "un una",
        "mult": {3: r"mil", 6: r"millón|millones|mll\.?"},
        "ordinal": r"(?:º|ª|°)(?!\w)",
        "at_least": rf"más{_S}de|al{_S}menos|por{_S}lo{_S}menos|no{_S}menos{_S}de",
        "at_most": rf"hasta|menos{_S}de|como{_S}máximo|no{_S}más{_S}de",
        "about": rf"cerca{_S}de|unos|unas|alrededor{_S}de|casi|aproximadamente",
        "vague": rf"(?:varias|varios|muchas|muchos){_S}(?:decenas|cientos|miles)"
                 r"|decenas|cientos|centenares|miles|millones",
        "of": "de",
        "stop": "y e o u de del la el los las un una unos unas en con por para sin sobre "
                "entre a al que quien es son fue fueron ha han se su sus no más menos ya",
    },
    "hy": {
        "add": "1: մեկ; 2: երկու երկուս; 3: երեք; 4: չորս; 5: հինգ; 6: վեց; 7: յոթ յոթը յոթն; "
               "8: ութ; 9: ինը ինն; 10: տաս տասը տասն; 20: քսան; 30: երեսուն; "
               "40: քառասուն; 50: հիսուն; 60: վաթսուն; 70: յոթանասուն; 80: ութսուն; "
               "90: իննսուն; " + "; ".join(  # written as one word: տասնհինգ, քսանհինգ
                   f"{ten + unit}: {tens + units}" for tens, ten in (
                       ("տասն", 10), ("քսան", 20), ("երեսուն", 30), ("քառասուն", 40),
                       ("հիսուն", 50), ("վաթսուն", 60), ("յոթանասուն", 70), ("ութսուն", 80),
                       ("իննսուն", 90)) for units, unit in (
                       ("մեկ", 1), ("երկու", 2), ("երեք", 3), ("չորս", 4), ("հինգ", 5),
                       ("վեց", 6), ("յոթ", 7), ("ութ", 8), ("ինը", 9))),
        "mul": "100: հարյուր",
        "scale": "1000: հազար; 1000000: միլիոն; 1000000000: միլիարդ",
        "word_suffix": r"(?:ը|ն|ի|ից|ին|ով|ում|ու)?",
        "alone": "մեկ",
        "mult": {3: r"հազար(?:ը|ի|ից|ով|ում|ն)?", 6: r"միլիոն\w*|մլն\.?",
                 9: r"միլիարդ\w*|մլրդ\.?"},
        "suffix": r"-?(?:ից|ին|ի|ը|ն|ով|ում|ու)(?!\w)",
        "ordinal": r"-?(?:րդ|երորդ)\w*",
        "at_least": rf"ավելի,?{_S}քան|առնվազն|ոչ{_S}պակաս,?{_S}քան",
        "at_most": rf"մինչև|մինչեւ|ոչ{_S}ավելի,?{_S}քան|պակաս,?{_S}քան",
        "about": r"մոտ|շուրջ|մոտավորապես|գրեթե|համարյա",
        "after": [(rf"(?<=ից){_S}ավելի(?![\w,])(?!{_S}քան)", "at_least"),
                  (rf"(?<=ից){_S}պակաս(?!\w)", "at_most")],
        "vague": rf"հարյուր{_S}հազարավոր\w*|(?:մի{_S}քանի{_S})?(?:տասնյակ\w*|հարյուրավոր\w*"
                 rf"|հազարավոր\w*|միլիոնավոր\w*)(?:{_S}(?:հազարավոր\w*|միլիոնավոր\w*))?"
                 rf"|մի{_S}քանի{_S}(?:հարյուր|հազար|միլիոն)\w*",
        "stop": "և եւ ու է են էր էին էլ որ որը որոնք այդ այս այն իսկ բայց նաև նույնպես մինչև "
                "ավելի քան մոտ շուրջ այլ ոչ չի չեն հետ համար վրա թ թվականի թվականին թվականից",
        "modifier": r"(?i:\w+(?:ական|ային|ացի|եցի)|հայ|խաղաղ|մանկահասակ|զոհված|վիրավոր)",
    },
    "az": {
        "add": "0: sıfır; 1: bir; 2: iki; 3: üç; 4: dörd; 5: beş; 6: altı; 7: yeddi; "
               "8: səkkiz; 9: doqquz; 10: on; 20: iyirmi; 30: otuz; 40: qırx; 50: əlli; "
               "60: altmış; 70: yetmiş; 80: səksən; 90: doxsan",
        "mul": "100: yüz",
        "scale": "1000: min; 1000000: milyon; 1000000000: milyard",
        "never_alone": "bir",
        "mult": {3: r"min(?:[əi]|d[əa]n|in|d[əa])?", 6: r"milyon\w*|mln\.?",
                 9: r"milyard\w*|mlrd\.?"},
        "suffix": r"-(?:[dt][əa]n|[dt][əa]k|[dt][əa]|y[əa]|[əa]|n[ıiuü]n|[ıiuü]n|n[ıiuü]|[ıiuü]"
                  r"|l[əa]r\w*)(?!\w)",
        "ordinal": r"-(?:[ıiuü]nc[ıiuü]|c[ıiuü])(?!\w)",
        "at_least": rf"ən{_S}azı|azı|minimum",
        "at_most": rf"maksimum|ən{_S}çoxu",
        "about": r"təxminən|təqribən|təxmini",
        "after": [(rf"(?<=[dt][əa]n){_S}(?:çox|artıq|yuxarı)(?!\w)", "at_least"),
                  (rf"(?<=[dt][əa]n){_S}az(?!\w)", "at_most"),
                  (rf"(?<=[əa]){_S}(?:qədər|dək)(?!\w)", "at_most"),
                  (rf"(?<=[əa]){_S}yaxın(?!\w)", "about")],
        "vague": rf"(?:on|yüz){_S}minlərlə|onlarla|yüzlərlə|minlərlə|milyonlarla",
        "stop": "və ilə da də ki bu o bir üçün kimi isə artıq çox az daha ən olan olub idi "
                "qədər yaxın",
        "modifier": r"(?i:erməni|azərbaycanlı|mülki|hərbi|rus|\w+(?:lı|li|lu|lü))",
    },
}

def _month_patterns() -> dict[str, str]:
    """Each language's month forms as one pattern (the language files of
    ``vocabularies/languages``): English by its written capitals ("May", "MAY", not the
    verb), the others in any case."""
    out = {}
    for lang, data in words.languages().items():
        forms = {f.rstrip(".") for fs in data.get("months", []) for f in fs}
        if lang == "en":
            out[lang] = words.trie_regex({g for f in forms for g in (f.capitalize(), f.upper())})
        elif forms:
            out[lang] = f"(?i:{words.trie_regex(forms)})"
    return out


MONTHS = _month_patterns()

# Words before a number that make it a reference, not a count: "Article 2", "§ 3", "п. 4".
REFERENCE_WORDS = (
    r"articles?|art|§§?|paragraphs?|paras?|sections?|chapters?|rules?|protocols?|resolutions?"
    r"|annex(?:es)?|clauses?|pages?|pp?|points?|items?|nos?|numbers?|№|стать(?:я|и|ей|ю|е|ям"
    r"|ями)|ст|пункт\w*|п|пп|част(?:ь|и|ью)|ч|параграф\w*|глав(?:а|ы|е|у|ой)|резолюци\w*"
    r"|протокол\w*|правил(?:о|а|е|у)|раздел\w*|приложени\w*|страниц\w*|номер\w*|alinéas?"
    r"|paragraphes?|chapitres?|règles?|résolutions?|protocoles?|annexes?|n°|numéros?"
    r"|հոդված\w*|կետ\w*|մաս(?:ը|ի|ում)?|բանաձև\w*|բանաձեւ\w*|գլուխ\w*|էջ\w*|maddə\w*"
    r"|bənd\w*|hissə\w*|qətnamə\w*|fəsil\w*|səhifə\w*")

# A four-digit number 1800-2099 is a year unless it counts one of these ("2000 people").
COUNT_NOUNS = (
    "people", "person", "civilian", "child", "resident", "inhabitant", "famil", "soldier",
    "servicem", "refugee", "prisoner", "victim", "home", "house", "armenian", "azerbaijani",
    "km", "человек", "жител", "дет", "семей", "семь", "военн", "беженц", "пленн", "армян",
    "personne", "habitant", "enfant", "civil", "soldat", "réfugié", "famille", "մարդ",
    "բնակիչ", "երեխա", "զինծառայող", "ընտանիք", "հոգի", "nəfər", "sakin", "uşaq", "ailə",
    "əsir")

# Vague words, by the start of the word, and the label they get.
VAGUE_LABELS = (
    ("dozen", "dozens"), ("ten", "dozens"), ("десят", "dozens"), ("dizaine", "dozens"),
    ("տասնյակ", "dozens"), ("onlar", "dozens"), ("on", "dozens"),
    ("hundred", "hundreds"), ("сот", "hundreds"), ("centaine", "hundreds"),
    ("հարյուր", "hundreds"), ("yüz", "hundreds"),
    ("thousand", "thousands"), ("тысяч", "thousands"), ("millier", "thousands"),
    ("հազար", "thousands"), ("min", "thousands"),
    ("million", "millions"), ("миллион", "millions"), ("միլիոն", "millions"),
    ("milyon", "millions"))


STAGE = Stage("numbers.v1", needs=(), adds="numbers", run=find_numbers)
