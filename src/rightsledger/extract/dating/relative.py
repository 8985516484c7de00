"""Relative dates: "yesterday", "on Saturday", "last week", "for the past three days",
"two days later" — in en, fr, ru, hy and az.

A rule is a kind and a regex; its named groups feed one resolver per kind:

    day       today (0), yesterday (-1), the day before yesterday (-2)   groups today/yest/dby
    weekday   the latest such weekday on or before publication        groups wd, since
    calendar  last/this week, month, year                              groups which, unit
    past      a range of n units ending on the publication date        groups n, unit
    ago       n units before the publication date                      groups n, unit
    later     n units after (or before) the date mentioned last        groups n, unit, back

Everything but ``later`` needs the publication date; ``later`` counts from the previous
date in the text and needs nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import partial

from rightsledger.extract.dating.model import Context, Dated, Found, Parts
from rightsledger.extract.dating.words import NUMBERS, trie_regex, weekday_table

START = r"(?<![\w-])"
END = r"(?!\w)"


def _num(lang: str) -> str:
    return rf"(?:\d{{1,3}}|{trie_regex(NUMBERS[lang])})"


def _wd(lang: str) -> str:
    return rf"(?P<wd>{trie_regex(weekday_table(lang))}){END}"


EN_UNIT = r"(?P<unit>days?|weeks?|months?|years?|hours)"
RU_UNIT = (r"(?P<unit>день|дня|дней|сутки|суток|неделю|недели|недель|неделя|месяц|месяца"
           r"|месяцев|год|года|лет|часа|часов)")
FR_UNIT = r"(?P<unit>jours?|semaines?|mois|ans|années?|heures)"
HY_UNIT = r"(?P<unit>օր|շաբաթ|ամիս|ամս|տարի|տար|ժամ)\w*"
AZ_UNIT = r"(?P<unit>gün|həftə|ay|il|saat)\w*"
EN_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
RU_PART = r"(?:\s+(?:утром|днём|днем|вечером|ночью))?"
FR_PART = r"(?:\s+(?:matin|soir|après-midi|midi))?"
HY_PART = r"(?:\s+(?:առավոտյան|երեկոյան|կեսօրին|գիշերը))?"
AZ_PART = r"(?:\s+(?:səhər|axşam|gecə))?"

# kind, words one of which the text must hold for the rule to run (a cheap test), regex
RULES: dict[str, list[tuple[str, tuple[str, ...], str]]] = {
    "en": [
        ("day", ("yesterday", "today", "tonight", "night", "this"),
         rf"(?:(?P<since>since)\s+)?(?:(?P<dby>the\s+day\s+before\s+yesterday)"
         rf"|(?P<yest>yesterday|last\s+night)|(?P<today>today|tonight"
         rf"|this\s+(?:morning|afternoon|evening)))(?:'s)?{EN_PART}"),
        ("weekday", ("day",),
         rf"(?<!next\s)(?:(?P<since>since)\s+|(?P<pre>on)\s+)?"
         rf"(?:(?P<last>last|this\s+past)\s+)?{_wd('en')}{EN_PART}"),
        ("calendar", ("last", "this"),
         r"(?<!the\s)(?P<which>last|this)\s+(?P<unit>week|month|year)"),
        ("past", ("past", "last", "previous"),
         rf"(?:(?:for|over|in|during|within)\s+)?(?:the\s+(?:past|last|previous)|past)\s+"
         rf"(?:(?P<n>{_num('en')})\s+)?{EN_UNIT}"),
        ("ago", ("ago",),
         rf"(?P<n>{_num('en')})\s+{EN_UNIT}\s+ago"),
        ("later", ("later", "earlier"),
         rf"(?P<n>{_num('en')})\s+{EN_UNIT}\s+(?:(?P<back>earlier)|later)"),
        ("later", ("next", "following", "previous"),
         r"the\s+(?:(?P<next>next|following)|(?P<back>previous))\s+"
         r"(?:day|morning|evening)"),
    ],
    "ru": [
        ("day", ("вчера", "сегодня"),
         rf"(?:(?P<dby>позавчера)|(?P<yest>вчера)|(?P<today>сегодня)){RU_PART}"),
        ("weekday", ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот",
                     "воскресень"),
         rf"(?:(?P<since>с|со)|(?P<pre>в|во))\s+(?:(?P<last>прошл(?:ую|ый|ое)"
         rf"|эт(?:у|от|о))\s+)?{_wd('ru')}{RU_PART}"),
        ("calendar", ("неделе", "месяце", "году"),
         r"(?P<pre>на|в)\s+(?P<which>прошлой|этой|текущей|прошлом|этом|текущем)"
         r"\s+(?P<unit>неделе|месяце|году)"),
        ("past", ("последн", "прошедш"),
         rf"(?:(?:за|в\s+течение|в)\s+)?(?:последн|прошедш)(?:ие|юю|ий|их|ее)"
         rf"\s+(?:(?P<n>{_num('ru')})\s+)?{RU_UNIT}"),
        ("ago", ("назад",),
         rf"(?:(?P<n>{_num('ru')})\s+)?{RU_UNIT}\s+назад"),
        ("later", ("спустя", "через"),
         rf"(?:спустя|через)\s+(?:(?P<n>{_num('ru')})\s+)?{RU_UNIT}"),
        ("later", ("спустя",),
         rf"(?:(?P<n>{_num('ru')})\s+)?{RU_UNIT}\s+спустя"),
        ("later", ("день",),
         r"(?P<pre>на)\s+(?P<next>следующий|другой)\s+день"),
    ],
    "fr": [
        ("day", ("hier", "aujourd", "ce", "désormais"),
         rf"(?:(?P<since>depuis)\s+)?(?:(?P<dby>avant-hier)|(?P<yest>hier)"
         rf"|(?P<today>aujourd['’]hui|désormais|ce\s+(?:matin|soir|midi)|cet\s+après-midi))"
         rf"{FR_PART}"),
        ("weekday", ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                     "dimanche"),
         rf"(?:(?P<since>depuis)\s+)?(?:ce\s+)?{_wd('fr')}(?!\s+prochain)"
         rf"(?:\s+(?P<last>dernier))?{FR_PART}"),
        ("calendar", ("dernier", "dernière", "passé"),
         r"(?:la\s+(?P<unit>semaine)|le\s+(?P<unit2>mois)|l['’](?P<unit3>année|an))"
         r"\s+(?P<which>dernière|dernier|passée|passé)"),
        ("calendar", ("ce",),
         r"(?P<which>cette|ce)\s+(?P<unit>semaine|mois|année)(?:-ci)?"),
        ("past", ("depuis",),
         rf"depuis\s+(?P<n>{_num('fr')})\s+{FR_UNIT}"),
        ("past", ("dernier", "dernière"),
         rf"(?:(?:au\s+cours|pendant|durant|lors)\s+)?(?:des|ces|les)\s+"
         rf"(?:(?P<n>{_num('fr')})\s+)?derni(?:ers|ères)\s+(?:(?P<n2>{_num('fr')})\s+)?"
         rf"{FR_UNIT}"),
        ("ago", ("il y a",),
         rf"il\s+y\s+a\s+(?P<n>{_num('fr')})\s+{FR_UNIT}"),
        ("later", ("plus tard",),
         rf"(?P<n>{_num('fr')})\s+{FR_UNIT}\s+plus\s+tard"),
        ("later", ("lendemain", "veille"),
         r"(?:le\s+(?P<next>lendemain)|la\s+(?P<back>veille))"),
    ],
    "hy": [
        ("day", ("երեկ", "այսօր"),
         rf"(?:(?P<yest>երեկ)|(?P<today>այսօր(?:վանից)?)){HY_PART}"),
        ("weekday", ("շաբթի", "ուրբաթ", "շաբաթ", "կիրակի"),
         rf"(?:(?P<last>անցյալ|նախորդ)\s+)?{_wd('hy')}(?:\s+(?P<day>օրը|օրն"
         rf"|օրվանից))?{HY_PART}"),
        ("calendar", ("անցյալ", "նախորդ", "այս"),
         r"(?P<which>անցյալ|նախորդ|այս)\s+(?P<unit>շաբաթ|ամիս|ամս|տարի|տար)\w*"),
        ("past", ("վերջին",),
         rf"վերջին\s+(?:(?P<n>{_num('hy')})\s+)?{HY_UNIT}(?:\s+ընթացքում)?"),
        ("ago", ("առաջ",),
         rf"(?P<n>{_num('hy')})\s+{HY_UNIT}\s+առաջ"),
        ("later", ("անց", "հետո"),
         rf"(?P<n>{_num('hy')})\s+{HY_UNIT}\s+(?:անց|հետո)"),
        ("later", ("հաջորդ",),
         r"(?P<next>հաջորդ)\s+օր(?:ը|ն)"),
    ],
    "az": [
        ("day", ("gün", "dünən"),
         rf"(?:(?P<dby>srağagün)|(?P<yest>dünən)|(?P<today>bu\s?gün)){AZ_PART}"),
        ("weekday", ("bazar", "çərşənbə", "cümə", "şənbə"),
         rf"(?:(?P<last>keçən|ötən)\s+)?{_wd('az')}(?:\s+(?P<day>günü"
         rf"|günündən(?:\s+bəri)?))?{AZ_PART}"),
        ("calendar", ("keçən", "ötən", "bu"),
         r"(?P<which>keçən|ötən|bu)\s+(?P<unit>həftə\w*|ay(?:ın|da)?|il(?:in|də)?)"),
        ("past", ("son",),
         rf"son\s+(?:(?P<n>{_num('az')})\s+)?{AZ_UNIT}(?:\s+ərzində)?"),
        ("ago", ("əvvəl", "öncə"),
         rf"(?P<n>{_num('az')})\s+{AZ_UNIT}\s+(?:əvvəl|öncə)"),
        ("later", ("sonra",),
         rf"(?P<n>{_num('az')})\s+{AZ_UNIT}\s+sonra"),
        ("later", ("ertəsi",),
         r"(?P<next>ertəsi)\s+gün\w*"),
    ],
}
COMPILED = {lang: [(kind, gate, re.compile(START + rx + END)) for kind, gate, rx in rules]
            for lang, rules in RULES.items()}
LAST = {"last", "прошлой", "прошлом", "dernière", "dernier", "passée", "passé", "անցյալ",
        "նախորդ", "keçən", "ötən"}
_UNITS = (("day", ("day", "дн", "ден", "сут", "jour", "օր", "gün")),
          ("week", ("week", "недел", "semaine", "շաբաթ", "həftə")),
          ("month", ("month", "месяц", "mois", "ամ", "ay")),
          ("year", ("year", "год", "лет", "an", "տար", "il")),
          ("hour", ("hour", "час", "heure", "ժամ", "saat")))


def find(lower: str, language: str | None) -> Iterator[Found]:
    """Relative-date candidates in the lower-cased text, by the rules of ``language``
    (of every language when it is unknown)."""
    languages = [language] if language in COMPILED else list(COMPILED)
    for lang in languages:
        for kind, gate, regex in COMPILED[lang]:
            if not any(word in lower for word in gate):
                continue
            for m in regex.finditer(lower):
                found = _read(kind, m, lang)
                if found is not None:
                    yield found


def _read(kind: str, m: re.Match[str], lang: str) -> Found | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    start = m.end("pre") if "pre" in g else m.start()
    while m.string[start].isspace():
        start += 1
    n = _count(g.get("n") or g.get("n2"), lang)
    unit = _unit(g.get("unit") or g.get("unit2") or g.get("unit3") or "day")
    if n is None or unit is None:
        return None
    if kind == "weekday":
        resolver = _weekday_rule(g, lang)
    elif kind == "past" and not (g.get("n") or g.get("n2")) and _plural(g.get("unit", "")):
        return None  # "the past days": no count, no dates
    else:
        resolver = _RESOLVERS[kind](g, n, unit)
    if resolver is None:
        return None
    return Found(start, m.end(), resolver=resolver)


def _weekday_rule(g: dict[str, str], lang: str) -> Callable[[Context], Dated | None] | None:
    word = " ".join(g["wd"].split())
    weekday = weekday_table(lang)[word]
    day = g.get("day", "")
    if word in ("շաբաթ", "bazar") and not day:
        return None  # "շաբաթ" is also "week", "bazar" also "market"
    since = bool(g.get("since")) or day.startswith(("օրվանից", "günündən"))
    return partial(_weekday, weekday, since)


def _plural(unit: str) -> bool:
    return unit.lower().endswith(("s", "и", "ей", "ев", "лет"))


def _count(word: str | None, lang: str) -> int | None:
    if word is None:
        return 1
    if word.isdigit():
        return int(word) or None
    return NUMBERS[lang].get(word.lower())


def _unit(word: str) -> str | None:
    word = word.lower()
    for unit, prefixes in _UNITS:
        if word.startswith(prefixes):
            return unit
    return None


# --- resolvers: each takes the Context and returns the dates, or None -------------------

def _day_rule(g: dict[str, str], n: int, unit: str) -> Callable[[Context], Dated | None]:
    offset = -2 if "dby" in g else -1 if "yest" in g else 0
    return partial(_day, offset, "since" in g)


def _day(offset: int, since: bool, ctx: Context) -> Dated | None:
    if ctx.published is None:
        return None
    return Dated(Parts.of(ctx.published + timedelta(days=offset)), open=since, relative=True)


def _weekday(weekday: int, since: bool, ctx: Context) -> Dated | None:
    if ctx.published is None:
        return None
    back = (ctx.published.weekday() - weekday) % 7  # "last Saturday" too: on or before
    return Dated(Parts.of(ctx.published - timedelta(days=back)), open=since, relative=True)


def _calendar_rule(g: dict[str, str], n: int, unit: str) -> Callable[[Context], Dated | None]:
    return partial(_calendar, unit, g["which"].lower() in LAST)


def _calendar(unit: str, last: bool, ctx: Context) -> Dated | None:
    p = ctx.published
    if p is None:
        return None
    if unit == "week":
        monday = p - timedelta(days=p.weekday() + (7 if last else 0))
        end = monday + timedelta(days=6) if last else p
        return Dated(Parts.of(monday), Parts.of(end), relative=True)
    if unit == "month":
        first = _shift_months(p.replace(day=1), -1 if last else 0)
        return Dated(Parts(first.year, first.month), relative=True)
    return Dated(Parts(p.year - (1 if last else 0)), relative=True)


def _past_rule(g: dict[str, str], n: int, unit: str) -> Callable[[Context], Dated | None]:
    return partial(_past, n, unit)


def _past(n: int, unit: str, ctx: Context) -> Dated | None:
    p = ctx.published
    if p is None:
        return None
    if unit == "hour":
        start = p - timedelta(days=max(1, -(-n // 24)))
    elif unit in ("month", "year"):
        start = _shift_months(p, -n * (12 if unit == "year" else 1)) + timedelta(days=1)
    else:
        start = p - timedelta(days=n * (7 if unit == "week" else 1) - 1)
    return Dated(Parts.of(start), Parts.of(p), relative=True)


def _ago_rule(g: dict[str, str], n: int, unit: str) -> Callable[[Context], Dated | None]:
    return partial(_ago, n, unit)


def _ago(n: int, unit: str, ctx: Context) -> Dated | None:
    p = ctx.published
    if p is None or unit == "hour":
        return None
    if unit == "year":
        return Dated(Parts(p.year - n), relative=True)
    if unit == "month":
        then = _shift_months(p, -n)
        return Dated(Parts(then.year, then.month), relative=True)
    return Dated(Parts.of(p - timedelta(days=n * (7 if unit == "week" else 1))), relative=True)


def _later_rule(g: dict[str, str], n: int, unit: str) -> Callable[[Context], Dated | None]:
    return partial(_later, -n if "back" in g else n, unit)


def _later(n: int, unit: str, ctx: Context) -> Dated | None:
    if ctx.previous is None or unit == "year":
        return None
    base = ctx.previous.last()
    if base.precision != "day":
        return None
    day = base.first_day()
    if unit == "hour":
        return Dated(Parts.of(day + timedelta(days=int(n / 24))), relative=True)
    if unit == "month":
        return Dated(Parts.of(_shift_months(day, n)), relative=True)
    return Dated(Parts.of(day + timedelta(days=n * (7 if unit == "week" else 1))),
                 relative=True)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


_RESOLVERS = {"day": _day_rule, "calendar": _calendar_rule, "past": _past_rule,
              "ago": _ago_rule, "later": _later_rule}
