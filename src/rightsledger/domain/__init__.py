"""Plain dataclasses: the nouns of DESIGN.md, no I/O."""

from rightsledger.domain.models import CustodyEntry, Reading, Source

__all__ = ["CustodyEntry", "Reading", "Source"]
