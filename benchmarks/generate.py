"""Synthetic documents for the benchmarks: deterministic, distinct, shaped like our material.

Text is built from sentence templates about the region (place names, dates, numbers) filled
with words drawn from a Zipf-distributed lexicon of invented surnames, so that some words
are in most documents and many are in only a handful, as in a real collection. The same
seed always gives the same documents.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

PLACES = (
    "Stepanakert", "Lachin", "Goris", "Shusha", "Martakert", "Hadrut", "Askeran", "Martuni",
    "Berdzor", "Kapan", "Yerevan", "Baku", "Aghdam", "Kelbajar", "Sotk", "Jermuk", "Vardenis",
    "Meghri", "Syunik", "Tegh", "Kornidzor", "Aghavno", "Sus", "Mets Shen", "Karin Tak",
    "Степанакерт", "Şuşa", "Ստեփանակերտ",
)
PEOPLE = ("residents", "villagers", "patients", "students", "farmers", "drivers",
          "families", "pensioners", "displaced persons", "children", "journalists")
EVENTS = ("shelling", "a power cut", "a gas supply cut", "the closure of the road",
          "a shortage of medicine", "the blockade", "an explosion", "a fire", "gunfire",
          "the detention of a driver", "a protest", "a convoy being turned back")
OFFICES = ("the ombudsman", "the ministry of health", "a local council", "the Red Cross",
           "the peacekeeping command", "the prosecutor's office", "an NGO collective",
           "the human rights defender", "the regional administration")
VERBS = ("reported", "documented", "confirmed", "denied", "recorded", "described",
         "condemned", "investigated", "witnessed")
THINGS = ("tons of flour", "liters of fuel", "food parcels", "patients evacuated",
          "trucks", "houses damaged", "schools closed", "hours without gas")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
TEMPLATES = (
    "On {date}, {office} {verb} {event} in {place}.",
    "{count} {people} in {place} were affected by {event}, according to {name}.",
    "{name} said that {count} {thing} had not reached {place} since {date}.",
    "The Lachin corridor remained closed on {date} and {count} {thing} waited near {place}.",
    "{office} {verb} that {people} from {place} had moved to {place2}.",
    "In {place}, {name} and {name2} {verb} {event} at about {hour}:{minute}.",
    "Witnesses told {office} that {event} near {place2} lasted {count} minutes.",
    "A statement by {name} on {date} listed {count} {thing} and {count2} {people}.",
    "Between {place} and {place2} the road was checked by {office} on {date}.",
    "{people} in {place} {verb} {event}; {name} asked {office} to act.",
)
_SYLLABLES = ("ar", "ba", "da", "ge", "ha", "ka", "li", "ma", "na", "or", "pe", "ra", "sa",
              "ta", "va", "zo", "ker", "tev", "gor", "nik", "ras", "vel", "dan", "mir")
_ENDINGS = ("yan", "ov", "li", "ova", "eva", "zade", "ian")


def lexicon(size: int, seed: int = 7) -> list[str]:
    """``size`` distinct invented surnames (e.g. "Gortevyan"), in a stable order."""
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < size:
        parts = rng.choices(_SYLLABLES, k=rng.randint(2, 4))
        words["".join(parts).capitalize() + rng.choice(_ENDINGS)] = None
    return list(words)


class Writer:
    """Sentences from the templates, names drawn with Zipf frequencies from a lexicon."""

    def __init__(self, seed: int, lexicon_size: int = 40_000):
        self.rng = random.Random(seed)
        self.names = lexicon(lexicon_size)
        self._cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(lexicon_size)))

    def name(self) -> str:
        return self.rng.choices(self.names, cum_weights=self._cum)[0]

    def date(self) -> str:
        r = self.rng
        return f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2020, 2024)}"

    def iso_date(self) -> str:
        r = self.rng
        return f"{r.randint(2020, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"

    def sentence(self) -> str:
        r = self.rng
        text = r.choice(TEMPLATES).format(
            date=self.date(), office=r.choice(OFFICES), verb=r.choice(VERBS),
            event=r.choice(EVENTS), place=r.choice(PLACES), place2=r.choice(PLACES),
            count=r.randint(2, 5000), count2=r.randint(2, 900), people=r.choice(PEOPLE),
            thing=r.choice(THINGS), name=self.name(), name2=self.name(),
            hour=r.randint(0, 23), minute=f"{r.randint(0, 59):02d}",
        )
        return text[0].upper() + text[1:]

    def words(self, count: int) -> str:
        """Exactly ``count`` words of running text."""
        words: list[str] = []
        while len(words) < count:
            words += self.sentence().split()
        return " ".join(words[:count])

    def article(self, serial: int) -> str:
        """A 2–4 KB plain-text article with a Markdown title line."""
        target = self.rng.randint(2048, 4096)
        title = f"# {self.rng.choice(EVENTS).capitalize()} in {self.rng.choice(PLACES)}"
        parts = [title, f"Reference RL-{serial:06d}, {self.date()}."]
        size = sum(len(p.encode()) + 2 for p in parts)
        while size < target:
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))
            parts.append(paragraph)
            size += len(paragraph.encode()) + 2
        return "\n\n".join(parts)[:target].rsplit(" ", 1)[0] + "\n"


def write_articles(folder: Path, count: int, seed: int = 1) -> int:
    """Write ``count`` distinct articles as .txt files; return their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    total = 0
    for i in range(count):
        data = writer.article(i).encode()
        (folder / f"article-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


@dataclass
class NearCopies:
    """Short texts where some are near-copies; ``cluster[i]`` is the original text i copies."""

    texts: list[str]
    cluster: list[int]


def near_copies(count: int, share: float = 0.05, seed: int = 2) -> NearCopies:
    """``count`` texts of 60–100 words; ``share`` of them copy another with 1–3 words changed."""
    writer = Writer(seed)
    rng = writer.rng
    copies = int(count * share)
    originals = [writer.words(rng.randint(60, 100)) for _ in range(count - copies)]
    texts, cluster = list(originals), list(range(len(originals)))
    for _ in range(copies):
        source = rng.randrange(len(originals))
        texts.append(_edit(writer, originals[source], rng.randint(1, 3)))
        cluster.append(source)
    order = list(range(count))
    rng.shuffle(order)
    return NearCopies([texts[i] for i in order], [cluster[i] for i in order])


def _edit(writer: Writer, text: str, changes: int) -> str:
    words = text.split()
    for pos in writer.rng.sample(range(len(words)), changes):
        words[pos] = writer.name()
    return " ".join(words)


@dataclass
class Doc:
    id: str
    title: str
    text: str
    published: str


def search_docs(count: int, seed: int = 3) -> list[Doc]:
    """``count`` short articles (80–160 words) with unique 64-hex ids and published dates."""
    writer = Writer(seed)
    rng = writer.rng
    docs = []
    for i in range(count):
        title = f"{rng.choice(EVENTS).capitalize()} in {rng.choice(PLACES)}"
        text = writer.words(rng.randint(80, 160))
        sha = hashlib.sha256(f"{i}\n{title}\n{text}".encode()).hexdigest()
        docs.append(Doc(sha, title, text, writer.iso_date()))
    return docs
