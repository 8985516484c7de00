"""Proposal: each candidate extraction found and nobody proposed yet becomes a proposed
incident, offered a merge with the one it most likely repeats (the review stage,
review/propose.py, does the matching)."""

from __future__ import annotations

from rightsledger.ledger import Ledger
from rightsledger.review.propose import MACHINE, Proposal
from rightsledger.review.propose import propose as propose_candidates


def propose(ledger: Ledger, actor: str = MACHINE) -> Proposal:
    """Propose every candidate not yet proposed (one transaction)."""
    return propose_candidates(ledger, actor)
