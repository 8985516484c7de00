"""Suggest names for ``never_match`` in aliases.json: GeoNames names that are also words.

    python -m rightsledger.gazetteer.curate /usr/share/dict/american-english \\
        /usr/share/dict/french > suggestions.json

Word lists (Debian's wamerican, wfrench) write common words in lower case and proper nouns
capitalised. A GeoNames *alternate* name that is a common word ("Rest" for Rasht, "Side",
"Bank") is suggested outright; a *main* name that is a common word ("Marks") and an
alternate that is another famous proper noun ("Cambridge" for a Ukrainian village,
"Vladimir") are listed for a person to decide. Nothing here runs at build time: what a person
keeps goes into aliases.json, so builds stay reproducible without the word lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rightsledger.gazetteer.build import ALIASES, BuildConfig, build


def read_words(paths: list[Path]) -> tuple[set[str], set[str]]:
    """(common words, proper nouns), both casefolded."""
    common, proper = set(), set()
    for path in paths:
        for line in path.read_text("utf-8", errors="replace").splitlines():
            word = line.strip().split("/")[0]
            if word and word[0].islower():
                common.add(word.casefold())
            elif word:
                proper.add(word.casefold())
    return common, proper - common


def suggest(paths: list[Path], config: BuildConfig = BuildConfig()) -> dict[str, list[str]]:
    common, proper = read_words(paths)
    aliases = json.loads(ALIASES.read_text("utf-8"))
    aliases["never_match"], aliases["drop"] = [], {}
    alternate, main, famous = set(), set(), set()
    for place in build(config, aliases=aliases)["places"]:
        if place["kind"] != "settlement" or not place["id"].startswith("gn:"):
            continue
        if place["name"].casefold() in common:
            main.add(place["name"])
        for name in set(place["names"]) - {place["name"]}:
            if name.casefold() in common:
                alternate.add(name)
            elif name.casefold() in proper:
                famous.add(f"{name} ({place['id']} {place['name']}, {place['country']})")
    return {"alternates_that_are_words": sorted(alternate),
            "main_names_that_are_words": sorted(main),
            "alternates_that_are_other_proper_nouns": sorted(famous)}


if __name__ == "__main__":
    print(json.dumps(suggest([Path(p) for p in sys.argv[1:]]), ensure_ascii=False, indent=1))
