"""Month, weekday and number words of the languages we read, as data, and a trie regex.

Every table maps a lower-case word form to a number (month 1-12, weekday 0=Monday, count).
Armenian and Azerbaijani inflect the month name itself ("դեկտեմբերի", "dekabrda"), so their
forms are generated from a stem and the case endings; Russian and Ukrainian forms are
listed; Italian and Spanish months do not inflect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EN_MONTHS = {
    1: "january jan jan.", 2: "february feb feb.", 3: "march mar mar.", 4: "april apr apr.",
    5: "may", 6: "june jun jun.", 7: "july jul jul.", 8: "august aug aug.",
    9: "september sep sep. sept sept.", 10: "october oct oct.", 11: "november nov nov.",
    12: "december dec dec.",
}
FR_MONTHS = {
    1: "janvier janv janv.", 2: "février fevrier févr févr. fevr. fév.", 3: "mars",
    4: "avril avr avr.", 5: "mai", 6: "juin", 7: "juillet juil juil.", 8: "août aout",
    9: "septembre", 10: "octobre", 11: "novembre", 12: "décembre decembre déc déc.",
}
# Russian: nominative, genitive ("12 декабря"), prepositional ("в декабре"), abbreviations.
RU_MONTHS = {
    1: "январь января январе янв янв.", 2: "февраль февраля феврале фев фев. февр февр.",
    3: "март марта марте мар.", 4: "апрель апреля апреле апр апр.", 5: "май мая мае",
    6: "июнь июня июне", 7: "июль июля июле", 8: "август августа августе авг авг.",
    9: "сентябрь сентября сентябре сен сен. сент сент.",
    10: "октябрь октября октябре окт окт.", 11: "ноябрь ноября ноябре ноя ноя. нояб нояб.",
    12: "декабрь декабря декабре дек дек.",
}
# Ukrainian: nominative, genitive ("27 травня"), locative ("у травні").
UK_MONTHS = {
    1: "січень січня січні", 2: "лютий лютого лютому", 3: "березень березня березні",
    4: "квітень квітня квітні", 5: "травень травня травні", 6: "червень червня червні",
    7: "липень липня липні", 8: "серпень серпня серпні", 9: "вересень вересня вересні",
    10: "жовтень жовтня жовтні", 11: "листопад листопада листопаді",
    12: "грудень грудня грудні",
}
IT_MONTHS = {
    1: "gennaio", 2: "febbraio", 3: "marzo", 4: "aprile", 5: "maggio", 6: "giugno",
    7: "luglio", 8: "agosto", 9: "settembre", 10: "ottobre", 11: "novembre", 12: "dicembre",
}
ES_MONTHS = {
    1: "enero", 2: "febrero", 3: "marzo", 4: "abril", 5: "mayo", 6: "junio", 7: "julio",
    8: "agosto", 9: "septiembre setiembre", 10: "octubre", 11: "noviembre", 12: "diciembre",
}
HY_MONTH_STEMS = ("հունվար", "փետրվար", "մարտ", "ապրիլ", "մայիս", "հունիս", "հուլիս",
                  "օգոստոս", "սեպտեմբեր", "հոկտեմբեր", "նոյեմբեր", "դեկտեմբեր")
# nominative, genitive ("դեկտեմբերի 12-ին"), in ("դեկտեմբերին"), from ("դեկտեմբերից")
HY_ENDINGS = ("", "ի", "ին", "ից", "ը")
# Azerbaijani stems with the vowel their endings harmonise with (a: back, e: front, u: round)
AZ_MONTH_STEMS = (("yanvar", "a"), ("fevral", "a"), ("mart", "a"), ("aprel", "e"),
                  ("may", "a"), ("iyun", "u"), ("iyul", "u"), ("avqust", "u"),
                  ("sentyabr", "a"), ("oktyabr", "a"), ("noyabr", "a"), ("dekabr", "a"))
_AZ_VOWELS = {"a": ("ı", "a"), "e": ("i", "ə"), "u": ("u", "a")}

# Endings that turn a date into the start of an open interval ("from", "since").
ABLATIVE = re.compile(r"(?:ից|d[aə]n)(?:\s+(?:ի\s+վեր|սկսած|bəri|etibarən))?$")
# Month forms that are abbreviations or ambiguous words: never a date on their own.
# ("մարտ" is also "battle"; "Mars" a planet; lower-case "may" a verb.)
SHORT_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec", "déc", "janv", "févr", "fevr", "fév", "avr", "juil", "янв", "фев", "февр",
                "мар", "апр", "авг", "сен", "сент", "окт", "ноя", "нояб", "дек", "մարտ",
                "մարտի", "մարտին", "մարտից", "մարտը"}

WEEKDAYS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "ru": ("понедельник понедельника", "вторник вторника", "среда среду среды",
           "четверг четверга", "пятница пятницу пятницы", "суббота субботу субботы",
           "воскресенье воскресенья"),
    "hy": ("երկուշաբթի", "երեքշաբթի", "չորեքշաբթի", "հինգշաբթի", "ուրբաթ", "շաբաթ", "կիրակի"),
    "uk": ("понеділок понеділка", "вівторок вівторка", "середа середу середи",
           "четвер четверга", "п'ятниця п'ятницю п'ятниці", "субота суботу суботи",
           "неділя неділю неділі"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "az": ("bazar_ertəsi", "çərşənbə_axşamı", "çərşənbə", "cümə_axşamı", "cümə", "şənbə",
           "bazar"),
}

NUMBERS = {
    "en": {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "fifteen": 15, "twenty": 20, "thirty": 30},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
           "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "quinze": 15, "vingt": 20,
           "trente": 30},
    "ru": {"один": 1, "одна": 1, "одну": 1, "одного": 1, "одни": 1, "два": 2, "две": 2,
           "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4,
           "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
           "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10},
    "hy": {"մեկ": 1, "երկու": 2, "երեք": 3, "չորս": 4, "հինգ": 5, "վեց": 6, "յոթ": 7,
           "յոթը": 7, "ութ": 8, "ութը": 8, "ինը": 9, "ինն": 9, "տասը": 10, "տաս": 10},
    "az": {"bir": 1, "iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7,
           "səkkiz": 8, "doqquz": 9, "on": 10},
}


def _forms(table: dict[int, str]) -> dict[str, int]:
    return {form: month for month, forms in table.items() for form in forms.split()}


def _armenian_months() -> dict[str, int]:
    return {stem + end: i + 1 for i, stem in enumerate(HY_MONTH_STEMS) for end in HY_ENDINGS}


def _azerbaijani_months() -> dict[str, int]:
    forms = {}
    for i, (stem, harmony) in enumerate(AZ_MONTH_STEMS):
        g, a = _AZ_VOWELS[harmony]  # genitive / possessive vowel, dative and locative vowel
        d = "da" if a == "a" else "də"
        for end in ("", g, g + "n", d, d + "n", a, a + "dək", g + "n" + d, g + "n" + d + "n",
                    g + "n" + a):
            forms[stem + end] = i + 1
    return forms


# Armenian and Azerbaijani month forms with a case ending other than the genitive
# ("դեկտեմբերին", "dekabrda"): a year written after them belongs to something else.
INFLECTED_MONTHS = {form for form in (*_armenian_months(), *_azerbaijani_months())
                    if not form.endswith(("ի", *(stem for stem, _ in AZ_MONTH_STEMS)))
                    and form not in HY_MONTH_STEMS}

MONTHS: dict[str, int] = {}
for _table in (_forms(EN_MONTHS), _forms(FR_MONTHS), _forms(RU_MONTHS), _forms(UK_MONTHS),
               _forms(IT_MONTHS), _forms(ES_MONTHS), _armenian_months(),
               _azerbaijani_months()):
    MONTHS.update(_table)


def lowered(text: str) -> str:
    """``text`` in lower case, letter for letter: the same length, so offsets still hold.

    "İ" is the one character whose ``lower()`` is two characters long.
    """
    return text.replace("\u0130", "i").lower()


def weekday_table(language: str | None = None) -> dict[str, int]:
    """Weekday word forms of one language (all languages when ``language`` is None)."""
    languages = [language] if language else list(WEEKDAYS)
    return {form.replace("_", " "): i for lang in languages
            for i, forms in enumerate(WEEKDAYS[lang]) for form in forms.split()}


def number_table(language: str) -> dict[str, int]:
    return NUMBERS[language]


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` built as a trie: fast to match, longest form first.

    A space inside a word matches any run of white space.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches, leaves = [], []
    for ch in sorted(k for k in node if k):
        sub = _trie_pattern(node[ch])
        char = r"\s+" if ch == " " else re.escape(ch)
        if sub or ch == " ":
            branches.append(char + sub)
        else:
            leaves.append(char)
    if leaves:
        branches.append(leaves[0] if len(leaves) == 1 else "[" + "".join(leaves) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return ("(?:" + body + ")?") if len(body) > 1 else body + "?"
