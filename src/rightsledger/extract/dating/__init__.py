"""Finding dates in text: the parts behind the ``dates.v1`` stage (``extract/dates.py``).

    words.py     month, weekday and number words per language, as data
    absolute.py  regexes for dates written out ("12 December 2022", "2022 թվականի ...")
    relative.py  rules for "yesterday", "on Saturday", "last week", "two days later"
    resolve.py   overlaps, ranges ("from A to B"), years, and the dates themselves
    model.py     the small types they pass along
"""
