"""HTML: the main text without navigation, ads and comments (trafilatura), with metadata."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import ParserError

from rightsledger.domain import Reading
from rightsledger.errors import BadInput
from rightsledger.evidence.readers.text import decode

NAME = "html.v1"
_BOILERPLATE = "//nav|//header|//footer|//aside|//menu|//form|//script|//style|//noscript"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii")
        try:
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


def read(data: bytes) -> Reading:
    markup, encoding = _decode_html(data)
    visible = _visible_text(markup)
    if not visible:
        raise BadInput("HTML has no readable text (only navigation, forms or scripts)")
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    text = text or visible
    return Reading(text=text, media_type="text/html", reader=NAME,
                   title=getattr(doc, "title", None) or None,
                   author=getattr(doc, "author", None) or None,
                   published=_iso_date(getattr(doc, "date", None)),
                   meta={"encoding": encoding, "sitename": getattr(doc, "sitename", None)})


def _iso_date(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None
