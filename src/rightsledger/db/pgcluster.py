"""A throwaway PostgreSQL cluster, for the test session and the benchmarks.

initdb and postgres refuse to run as root, so as root they run as the 'postgres' user. The
cluster listens on a free local port, keeps fsync on (as a real server would), and is
stopped with -m immediate and deleted on exit.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresMissing(RuntimeError):
    pass


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise PostgresMissing(f"PostgreSQL's {name} not found: install Debian's postgresql "
                              "package (`make system-deps` does)")
    return str(found[-1])


def require() -> None:
    """Raise PostgresMissing unless the server binaries are installed."""
    pg_bin("initdb")
    pg_bin("pg_ctl")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a cluster; yield its admin URL base (postgresql+psycopg://postgres@host:port)."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="rl-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    subprocess.run(_as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                                 "-E", "UTF8", "--no-locale"]), check=True,
                   capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on"
    subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-o", opts, "-l",
                                 str(root / "log"), "-w", "start"]), check=True,
                   capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def new_database(server: str, prefix: str = "rl_") -> str:
    """Create an empty database on ``server``; return its URL."""
    import psycopg

    name = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(server.replace("+psycopg", "") + "/postgres", autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"
