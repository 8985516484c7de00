"""HTML: the main text without navigation, ads and comments (trafilatura), with metadata."""

from __future__ import annotations

import codecs
import re
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers.text import decode

NAME = "html.v1"
_BOILERPLATE = ("//head|//title|//nav|//header|//footer|//aside|//menu|//form|//script|"
                "//style|//noscript|//template")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""",
                           re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Browsers read pages labelled latin-1 or ASCII as windows-1252; so do we.
_AS_CP1252 = {"iso8859-1", "ascii"}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _decode_html(data: bytes) -> tuple[str, str]:
    """Decode by BOM, then the page's <meta charset>, then like plain text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                         codecs.BOM_UTF16_BE)):
        encoding = declared.group(1).decode("ascii").lower()
        try:
            if codecs.lookup(encoding).name in _AS_CP1252:
                encoding = "cp1252"
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _visible_text(markup: str) -> str:
    """The page's text once navigation, headers, footers, forms and scripts are dropped."""
    try:
        tree = lxml.html.fromstring(markup)
    except (ParserError, ValueError):
        return ""
    for element in tree.xpath(_BOILERPLATE):
        element.drop_tree()
    return " ".join(tree.text_content().split())


def _extract(markup: str) -> Any:
    """trafilatura's Document (text and metadata) or None; dates only from the page's metadata."""
    dates = {"original_date": True, "extensive_search": False,
             "max_date": date.today().isoformat()}
    return trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                       include_tables=True, date_extraction_params=dates)


def read(data: bytes) -> Reading:
    """Read an HTML page's main text, title, author and publication date."""
    markup, encoding = _decode_html(data)
    markup = _XML_DECLARATION.sub("", markup, count=1)
    visible = _visible_text(markup)
    if not visible:
        raise BadInput("HTML has no readable text (only navigation, forms or scripts): "
                       "save the article page itself")
    doc = _extract(markup)
    text = (getattr(doc, "text", None) or "").strip() or visible
    return Reading(text=text, media_type="text/html", reader=NAME,
                   title=getattr(doc, "title", None) or None,
                   author=getattr(doc, "author", None) or None,
                   published=_iso_date(getattr(doc, "date", None)),
                   meta={"encoding": encoding, "sitename": getattr(doc, "sitename", None)})


def _iso_date(value: str | None) -> str | None:
    return value[:10] if value and _ISO_DAY.match(value) else None
