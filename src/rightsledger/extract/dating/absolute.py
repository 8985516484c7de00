"""Absolute dates written out in en, fr, ru, hy and az, found with our own regexes.

Each form is one compiled regex whose named groups say what it read:

    d, m, y       the day, month (a word or a number) and year of a date or range start
    d2, m2, y2    the end of a range ("from 12 to 14 December 2022")
    since         a word opening an interval ("since", "с", "depuis"); Armenian "-ից" and
                  Azerbaijani "-dan" endings do the same
    from          a word that starts a range ("from", "between", "du", "с", "entre")
    pre           a preposition left out of the span ("in 2020" -> "2020")
    wd            a weekday written with the date ("Monday, December 12")

A year alone is a date only with a word that makes it one ("in 2020", "2020 году",
"2020 թվականին", "2020-ci ildə", "(1988)", "the 2020 war"): a bare four-digit number is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rightsledger.extract.dating.model import Found, Parts
from rightsledger.extract.dating.words import (
    ABLATIVE,
    INFLECTED_MONTHS,
    MONTHS,
    SHORT_MONTHS,
    trie_regex,
    weekday_table,
)

WEEKDAYS = weekday_table()
MONTH = rf"(?:{trie_regex(MONTHS)})(?!\w)"
WD = rf"(?P<wd>{trie_regex(WEEKDAYS)})(?!\w)"
D = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
Y = r"(?:1[89]\d\d|20\d\d)(?!\d)"
# after a day: 12th, 1er, 12-го, 12-ին, 12-ից, 12-ը, 12-də, 12-dən, 12-si
DSUF = (r"(?:st|nd|rd|th|er|-?го|-?(?:ին|ից|ը|ն|ի)"
        r"|-(?:s[iıuü]|d[aə]n?|n[aə]|[aə]|d[əa]k|c[iıuü]))?(?!\w)")
# after a year: 2022 года, 2022 року, 2022 г., 2022թ., 2022 թվականին, 2022-ci il, 2022-ci ildə
YSUF = (r"(?:\s*(?:год(?:а|у|ом)?(?!\w)|рок(?:у|і)?(?!\w)|р\.|гг?\.|թթ?\."
        r"|թվական(?:ին|ից|ի|ը)?(?!\w))"
        r"|-?\s?c[iıuü]\s+il(?:d[əe]n?|in|ə|i)?(?!\w)|-(?:ին|ից)(?!\w))?")
# after an Armenian or Azerbaijani date: "ի վեր" / "bəri" (since)
TAIL = r"(?:\s+(?:ի\s+վեր|սկսած|bəri|etibarən)(?!\w))?"
SINCE = (r"(?:(?P<since>ever\s+since|since|depuis(?:\s+le)?|à\s+partir\s+du|dès\s+le"
         r"|начиная\s+с|с|со)\s+)")
# words after a number that make it a count, not a day or a year
NOUNS = (r"(?:%|[.,]\d|\s*(?:people|persons|children|civilians|residents|families|households"
         r"|armenians|azerbaijanis|soldiers|servicemen|troops|refugees|houses|homes|cases"
         r"|deaths|victims|km|kilomet|metre|meter|tons|tonnes|dollars|euros|usd|amd|drams"
         r"|manat|personnes|enfants|habitants|civils|familles|человек|детей|жителей"
         r"|մարդ|երեխա|nəfər|uşaq)(?!\w))")
START = r"(?<![\w.,:/+])(?<!\d[-–])"
THE = r"(?:the\s+)?"
YEAR_PART = rf"(?:(?:\s*,?\s*|\s+del?\s+)(?P<y>{Y})(?!{NOUNS}){YSUF})?"  # "de 2020"
# Armenian and Azerbaijani write the year first: "2022 թվականի", "2022թ.", "2022-ci ilin"
YEAR_FIRST = rf"(?P<y>{Y})(?:\s*(?:թ\.|թվականի|թվ\.)|-?\s?c[iıuü]\s+il(?:in)?)\s*,?\s*"
RANGE_SEP = r"(?:\s*(?:[-–—]|to|until|till|through|по|до|au|à)\s*|\s+(?P<and>and|et|и)\s+)"
AND_LIST = r"(?:,?\s(?:and|и|et|və|և|ու)\s)"  # the last link of a list of days
FROM = r"(?:(?P<from>from|between|du|entre|между|с|со|от)\s+)"

FORMS = {
    # 12 December 2022, Monday 12th of December, 12 декабря 2022 года, 12 dekabr 2022-ci il
    "day_month": rf"{START}{SINCE}?(?:{WD}\s*,?\s+)?{THE}(?P<d>{D}){DSUF}\s*(?:of\s+|de\s+)?"
                 rf"(?P<m>{MONTH}){YEAR_PART}{TAIL}",
    # December 12, 2022; Monday, December 12; դեկտեմբերի 12-ին; dekabrın 12-də
    "month_day": rf"{START}{SINCE}?(?:{WD}\s*,?\s+)?(?P<m>{MONTH})\.?\s*{THE}(?P<d>{D}){DSUF}"
                 rf"(?!\s*\d{{3}}(?!\d)|{NOUNS}){YEAR_PART}{TAIL}",
    # January 2023, январе 2023 года, November of 2020
    "month_year": rf"{START}{SINCE}?(?P<m>{MONTH})(?:\s+of)?\s*,?\s*(?P<y>{Y})(?!{NOUNS})"
                  rf"{YSUF}{TAIL}",
    # 2022 թվականի դեկտեմբերի 12-ին, 2022-ci il dekabrın 12-də
    "year_month_day": rf"{START}{YEAR_FIRST}(?P<m>{MONTH})\s*(?P<d>{D}){DSUF}{TAIL}",
    # 2022-ci ilin 12 dekabrında
    "year_day_month": rf"{START}{YEAR_FIRST}(?P<d>{D}){DSUF}\s*(?P<m>{MONTH}){TAIL}",
    # 2023 թվականի հունվարին, 2023-cü ilin yanvar ayında
    "year_month": rf"{START}{YEAR_FIRST}(?P<m>{MONTH})(?:\s+(?:ամս\w*|ay\w*))?{TAIL}",
    # 12.12.2022, 12/12/2022, 12-12-2022
    "numeric": rf"{START}(?<!-)(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})(?P=sep)"
               rf"(?P<y>{Y})(?![.,/-]?\d){YSUF}{TAIL}",
    # 12.12.22, 12.12.22 г. (two-digit years only in this zero-padded form)
    "numeric_short": rf"{START}(?<!-)(?P<d>[0-3]\d)\.(?P<m>[01]\d)\.(?P<yy>\d\d)(?![.,/-]?\d)"
                     r"(?:\s*(?:г\.|года|թ\.))?",
    # 2022-12-12, 2022/12/12
    "iso": rf"{START}(?<!-)(?P<y>{Y})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
           r"(?![.,/-]?\d)",
    # from 12 to 14 December 2022, 12–14 December, du 12 au 14 décembre, с 12 по 14 декабря
    "day_range": rf"{START}{FROM}?{THE}(?P<d>{D}){DSUF}{RANGE_SEP}{THE}(?P<d2>{D}){DSUF}\s*"
                 rf"(?:of\s+)?(?P<m2>{MONTH})(?:\s*,?\s*(?P<y2>{Y})(?!{NOUNS}){YSUF})?{TAIL}",
    # December 12–14, 2022; դեկտեմբերի 12-14-ը
    "month_day_range": rf"{START}{FROM}?(?P<m>{MONTH})\.?\s*(?P<d>{D}){DSUF}{RANGE_SEP}"
                       rf"(?P<d2>{D}){DSUF}(?!{NOUNS})(?:\s*,?\s*(?P<y2>{Y}){YSUF})?{TAIL}",
    # the 10 of "10 and 11 January", "10, 11 и 12 января" (the span is the lone day)
    "day_list": rf"{START}(?P<span>(?P<d>{D}){DSUF})(?=(?:\s*,\s*{D}{DSUF})*\s*{AND_LIST}\s*"
                rf"{D}{DSUF}\s*(?:of\s+)?(?P<m>{MONTH})(?:\s*,?\s*(?P<y>{Y}))?)",
    # the 11 of "January 10 and 11", "հունվարի 10-ին և 11-ին", "yanvarın 10-da və 11-də"
    "month_day_list": rf"{START}(?P<m>{MONTH})\.?\s*{D}{DSUF}(?:\s*,\s*{D}{DSUF})*\s*{AND_LIST}"
                      rf"\s*(?P<span>(?P<d>{D}){DSUF})(?!\s*(?:\d|{MONTH})|{NOUNS})"
                      rf"(?:\s*,?\s*(?P<y>{Y}))?",
    # 1988–1994, from 2020 to 2023, в 2020–2023 годах
    "year_range": rf"{START}(?:(?P<pre>in|en|в|во)\s+|{FROM})?(?P<y>{Y}){RANGE_SEP}(?P<y2>{Y})"
                  r"(?:\s*(?:годах|годы|годов|гг\.|թթ\.|թվականներ\w*))?(?![.,]\d|%|\w)",
    # in 2020, since 2020, en 2020, depuis 2020, in early 2021
    "year_word": rf"{START}(?:(?P<since>ever\s+since|since|depuis|dès)|(?P<pre>in|during"
                 r"|throughout|by|until|till|before|after|of|en|jusqu['’]en|avant|après|pendant"
                 r"|durant|guerre\s+de|conflit\s+de))\s+(?:(?:early|late|mid|the\s+(?:spring"
                 r"|summer|autumn|fall|winter)\s+of|spring|summer|autumn|fall|winter|début|fin"
                 rf"|mi)[\s-]+)?(?P<y>{Y})(?!\w|[-–—]\d|{NOUNS})",
    # в 2020 году, с 2020 года, 2020 г., в 2020-м
    "year_ru": rf"{START}(?:(?P<since>начиная\s+с|с|со)\s+|(?P<pre>в|во|до|к|после)\s+)?"
               rf"(?P<y>{Y})(?:\s*(?:год(?:а|у|ом)?(?!\w)|г\.)|-(?:м|го)(?:\s+год(?:у|а))?"
               r"(?!\w))",
    # 2020 թվականին, 2020թ., 2020-ին, 2020 թվականից ի վեր
    "year_hy": rf"{START}(?P<y>{Y})(?:\s*(?:թթ?\.|թվական(?:ին|ից|ի|ը)?(?!\w))|-(?:ին|ից)(?!\w))"
               rf"{TAIL}",
    # 2020-ci ildə, 2020-ci ildən bəri
    "year_az": rf"{START}(?P<y>{Y})-?\s?c[iıuü]\s+il(?:d[əe]n?|in|ə|i)?(?!\w){TAIL}",
    # (1988)
    "year_paren": rf"(?<=\()(?P<y>{Y})(?=\))",
    # the 2020 war, the 2020 Karabakh war
    "year_event": rf"(?<!\w)(?P<pre>the)\s+(?P<y>{Y})(?=\s+(?:[\w-]+\s+)?(?:war|conflict"
                  r"|ceasefire|escalation|offensive|agreement|statement|declaration|hostilities"
                  r"|elections?|attacks?|blockade|report|events?|invasion|truce|census"
                  r"|protests?|pogroms?|massacres?|referendum|exodus)(?!\w))",
    # in December, since December, в декабре, с декабря, en décembre, դեկտեմբերին, dekabrda
    "month_word": rf"{START}(?:{SINCE}|(?P<pre>in|en|в|во|of|last|until|till|by|до|к"
                  rf"|jusqu['’]en)\s+)?(?:(?:early|late|mid|début|fin|mi)[\s-]+)?"
                  rf"(?P<m>{MONTH})(?!\.?\s*\d)",
}
# Compiled without re.IGNORECASE, which makes the month trie ten times slower: they run over
# the lower-cased text (see words.lowered), and the original text is read for capitals.
COMPILED = {name: re.compile(pattern) for name, pattern in FORMS.items()}
# Forms that run only when the text holds one of these (cheap tests that skip most texts).
GATES = {"year_month_day": ("թ", "il"), "year_day_month": ("թ", "il"), "year_month": ("թ", "il"),
         "year_ru": ("г", "-м"), "year_hy": ("թ", "-ին", "-ից"), "year_az": ("il",),
         "year_paren": ("(",), "year_event": ("the",)}
NEEDS_MONTH = {name for name, pattern in FORMS.items() if "(?P<m>" + MONTH in pattern
               or "(?P<m2>" + MONTH in pattern}
_ANY_MONTH = re.compile(rf"(?<!\w){MONTH}")
_LEAD = re.compile(r"\s*(?:the\s+)?")
# Month-word endings that place an event in that month (Armenian and Azerbaijani).
_IN_MONTH = re.compile(r"(?:ին|ից|d[aə]n?|[ıiu]nd[aə]n?)$")


def find(text: str, lower: str, language: str | None) -> Iterator[Found]:
    """Every absolute-date candidate in ``text`` (``lower`` is ``lowered(text)``)."""
    months = _ANY_MONTH.search(lower) is not None
    month_first = _slashes_month_first(lower)
    for name, regex in COMPILED.items():
        if not months and name in NEEDS_MONTH:
            continue
        if name in GATES and not any(word in lower for word in GATES[name]):
            continue
        for m in regex.finditer(lower):
            found = _read(name, m, text, language, month_first)
            if found is not None:
                yield found


_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{2,4}(?![\d/])")


def _slashes_month_first(lower: str) -> bool:
    """Whether the text writes slashed dates month first ("8/25/2023"): only when one of
    them cannot be read day first. Day first is the default: it is how the world outside
    the United States writes them (a Nigerian police statement's "10/08/2023" is 10
    August), and American wire copy writes its dates in words."""
    firsts = [(int(a), int(b)) for a, b in _SLASHED.findall(lower)]
    return any(b > 12 >= a for a, b in firsts) and not any(a > 12 >= b for a, b in firsts)


def _read(name: str, m: re.Match[str], text: str, language: str | None,
          month_first: bool = False) -> Found | None:
    g = m.groupdict()
    start, end = (m.start("span"), m.end("span")) if g.get("span") else (_start(m), m.end())
    month = text[m.start("m"):m.end("m")] if g.get("m") else None
    if name == "month_word":
        return _month_word(m, month or "", start, language)
    lo = Parts(_int(g.get("y")), _month(g.get("m")), _int(g.get("d")))
    hi = None
    if g.get("d2") or g.get("y2"):
        if g.get("and") and (g.get("from") or "").lower() not in ("between", "entre", "между"):
            return None  # "12 and 14 December" is two dates, not a range
        hi = Parts(_int(g.get("y2")), _month(g.get("m2")) or lo.m,
                   _int(g.get("d2")) if g.get("d2") else None)
        if lo.m is None and hi.m is not None:
            lo = Parts(lo.y, hi.m, lo.d)
        if not _ordered(lo, hi):
            return None
    if name == "month_year" and month and _norm(month) in INFLECTED_MONTHS:
        return None  # "դեկտեմբերին, 2023 թվականի ...": the month and a year of a list
    if name == "numeric":
        lo = _numeric(lo, g["sep"], month_first)
    if name == "numeric_short":
        lo = Parts(None, lo.m, lo.d)
        return Found(start, end, lo, century=int(g["yy"]))
    if lo.y is None and lo.m is not None and _lower_may(month, language):
        return None
    opened = bool(g.get("since")) or bool(ABLATIVE.search(m.string, start, end))
    return Found(start, end, lo, hi, opened and hi is None,
                 WEEKDAYS.get(_norm(g["wd"])) if g.get("wd") else None)


def _month_word(m: re.Match[str], word: str, start: int, language: str | None) -> Found | None:
    """A month without day or year: a date only after "in"/"since" or with a case ending."""
    token = _norm(word)
    if token.rstrip(".") in SHORT_MONTHS or _ambiguous_month(word, language):
        return None
    if not (m.group("since") or m.group("pre") or _IN_MONTH.search(token)):
        return None
    opened = bool(m.group("since")) or bool(ABLATIVE.search(m.group()))
    return Found(start, m.end(), Parts(None, MONTHS[token]), open=opened)


def _ambiguous_month(word: str, language: str | None) -> bool:
    """"may"/"march" in lower case are verbs; "Mars" outside French is the planet."""
    if word in ("may", "march"):
        return True
    return word == "Mars" and language != "fr"


def _ordered(lo: Parts, hi: Parts) -> bool:
    """A range read by one pattern runs forwards, and a year range spans under a century."""
    if lo.m is None:
        return lo.y is not None and hi.y is not None and lo.y < hi.y <= lo.y + 100
    if lo.d is not None and hi.d is not None and lo.m == hi.m:
        return lo.d < hi.d
    return True


def _numeric(lo: Parts, sep: str, month_first: bool) -> Parts:
    """Day first ("05.12.2022" is 5 December) except for slashes in a text that writes
    them month first (``_slashes_month_first``); a number over 12 is the day whatever the
    order."""
    swapped = Parts(lo.y, lo.d, lo.m)
    if not lo.valid() and swapped.valid():
        return swapped
    if sep == "/" and month_first and swapped.valid():
        return swapped
    return lo


def _lower_may(word: str | None, language: str | None) -> bool:
    """Lower-case "may" in a non-Azerbaijani text is the verb."""
    return bool(word) and word == "may" and language != "az"


def _start(m: re.Match[str]) -> int:
    """Where the span starts: after a leading "pre" word and the white space after it."""
    start = m.start()
    if "pre" in m.re.groupindex and m.group("pre") and m.start("pre") == start:
        start = m.end("pre")
    lead = _LEAD.match(m.string, start, m.end())
    return lead.end() if lead else start


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


def _month(word: str | None) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return MONTHS[_norm(word)]


def _int(value: str | None) -> int | None:
    return int(value) if value else None
