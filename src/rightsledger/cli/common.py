"""What every command shares: where the ledger is, output formats, error lines."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from rightsledger.ledger import CONFIG, Ledger

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    text = "text"
    json = "json"


LEDGER = typer.Argument(None, envvar="RIGHTSLEDGER_HOME", help="Ledger folder.")
FORMAT = typer.Option(Format.text, "--format", help="text or json")


def split_ledger(args: list[str], rest_name: str | None) -> tuple[str | None, list[str]]:
    """Take the ledger folder off the front of ``args``, or use RIGHTSLEDGER_HOME.

    The first argument is the ledger when it is a ledger folder, or when RIGHTSLEDGER_HOME
    is not set; otherwise every argument belongs to the command. The rest may be empty
    only when ``rest_name`` is None.
    """
    home = os.environ.get("RIGHTSLEDGER_HOME")
    first: str | None
    if args and (Path(args[0], CONFIG).is_file() or not home):
        first, rest = args[0], args[1:]
    else:
        first, rest = home, args
    if not rest and rest_name is not None:
        from rightsledger.errors import RightsLedgerError

        raise RightsLedgerError(f"missing {rest_name}: see --help")
    return first, rest


def open_ledger(path: str | None) -> Ledger:
    return Ledger.open(path)


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: to_json(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_json(value), ensure_ascii=False, indent=2) + "\n")


def print_json_line(value: Any) -> None:
    sys.stdout.write(json.dumps(to_json(value), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def ledger_and_id(args: list[str], noun: str) -> tuple[str | None, int]:
    """The ledger folder and a record number from ``[LEDGER] ID``."""
    folder, (ref, *_) = split_ledger(args, f"{noun} id")
    return folder, parse_id(ref, noun)


def parse_id(ref: str, noun: str) -> int:
    from rightsledger.errors import BadInput

    if not ref.isdigit():
        raise BadInput(f"'{ref}' is not {noun} id: ids are numbers (see the list command)")
    return int(ref)
