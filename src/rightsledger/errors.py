"""Errors that speak to the user: one line saying what was wrong, where, and what to do."""


class RightsLedgerError(Exception):
    """Base class for every error meant to be shown to a user as one line."""


class BadInput(RightsLedgerError):
    """A file cannot be read as evidence (corrupt, empty, encrypted, unknown encoding...)."""


class LedgerError(RightsLedgerError):
    """The ledger folder or its database is missing, misconfigured or unsafe."""


class NotFound(RightsLedgerError):
    """A record asked for by id does not exist."""


class Conflict(RightsLedgerError):
    """A record changed since the user read it: their save would overwrite someone's edit."""
