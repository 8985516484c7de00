"""Promise 2, durable settings: refuse to run on storage that can lose acknowledged writes.

SQLite must be in WAL mode with ``synchronous=FULL`` and its file on a local file system
(SQLite's locking and fsync are not reliable over NFS, SMB and the like). PostgreSQL must
run with ``fsync``, ``full_page_writes`` and ``synchronous_commit`` on. Each engine's store
reports its problems; the ledger refuses to open with any, in one line.
"""

from __future__ import annotations

from pathlib import Path

NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.s3fs", "fuse.rclone", "fuse.gcsfuse",
    "fuse.glusterfs", "fuse.davfs2"})
MOUNTS = Path("/proc/self/mounts")


def _unescape(field: str) -> str:
    """/proc/mounts escapes spaces, tabs, newlines and backslashes as octal."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def file_system_of(path: Path, mounts: str) -> tuple[str, str]:
    """(mount point, file system type) of the mount holding ``path``, from the text of
    /proc/self/mounts; ("", "") when nothing matches."""
    best = ("", "")
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, kind = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[0]):
            best = (point, kind)
    return best


def network_problem(path: Path, mounts: str | None = None) -> str | None:
    """Why ``path`` must not hold the database, or None when it is on a local file system."""
    if mounts is None:
        try:
            mounts = MOUNTS.read_text("utf-8")
        except OSError:
            return None  # not Linux: nothing to read, nothing refused
    point, kind = file_system_of(path.resolve(), mounts)
    if kind in NETWORK_FILE_SYSTEMS:
        return (f"{path} is on a network file system ({kind} mounted at {point}): SQLite's "
                "locking and fsync are not reliable there; move the ledger to a local disk, "
                "or use PostgreSQL (database_url in ledger.json)")
    return None


def sqlite_problems(journal_mode: str, synchronous: int) -> list[str]:
    problems = []
    if journal_mode.lower() != "wal":
        problems.append(f"SQLite journal_mode is {journal_mode}, not WAL (the file system may "
                        "not support it)")
    if synchronous < 2:
        problems.append(f"SQLite synchronous is {synchronous}, not FULL (2)")
    return problems


POSTGRES_SETTINGS = {"fsync": {"on"}, "full_page_writes": {"on"},
                     "synchronous_commit": {"on", "remote_apply", "remote_write", "local"}}


def postgres_problems(settings: dict[str, str]) -> list[str]:
    return [f"PostgreSQL {name} is {settings.get(name)}: it must be on, or the server can lose "
            "acknowledged writes in a power cut" for name, allowed in POSTGRES_SETTINGS.items()
            if settings.get(name) not in allowed]
