"""Promise 14, supply chain (docs/security.md): every dependency is pinned by version and
hash in requirements.lock, the lock covers what pyproject.toml asks for, and the installed
environment is exactly the lock."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, tuple[str, int]]:
    """Each pinned package: its version and how many hashes it carries."""
    pins: dict[str, tuple[str, int]] = {}
    current = ""
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        found = PIN.match(line)
        if found:
            current = _norm(found[1])
            pins[current] = (found[2], 0)
        elif "--hash=sha256:" in line and current:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
    return pins


def test_promise_14_every_pin_has_a_hash_and_the_lock_covers_pyproject() -> None:
    pins = _lock()
    assert len(pins) > 50 and all(hashes >= 1 for _v, hashes in pins.values())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    names = {_norm(re.split(r"[<>=!\[;\s]", w, maxsplit=1)[0]) for w in wanted}
    assert not names - set(pins), f"not in requirements.lock: {names - set(pins)}: make lock"


def test_promise_14_the_environment_is_the_lock() -> None:
    pins = _lock()
    installed = {_norm(d.metadata["Name"]): d.version for d in metadata.distributions()}
    for name, (version, _hashes) in pins.items():
        assert installed.get(name) == version, f"{name}: installed {installed.get(name)}, " \
                                               f"locked {version}"
