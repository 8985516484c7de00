"""Ingest on both engines: originals stored once, metadata, duplicates, custody."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from rightsledger.evidence.discover import discover
from rightsledger.ledger import Ledger
from rightsledger.workflow.ingest import ingest
from rightsledger.workflow.verify import verify

GAS = ("Officials in Stepanakert said on Tuesday that the gas supply had been cut again, "
       "leaving some 120,000 residents without heating during the coldest week of January.")
ROAD = ("Drivers waiting at the Hakari bridge reported that the road through the Lachin "
        "corridor remained closed to civilian traffic for the fourth consecutive day.")


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


def _objects(ledger: Ledger) -> list[str]:
    return [name for name, _ in ledger.objects.names()]


def test_folder_ingest_stores_originals_and_logs_custody(ledger: Ledger, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox, "gas.txt", GAS)
    _write(inbox / "sub", "road.md", "# Road\n\n" + ROAD)
    summary = ingest(ledger, [inbox], {"kind": "article", "publisher": "Test Wire"})
    assert (summary.added, summary.seen, summary.failed) == (2, 0, 0)
    sources = ledger.store.list_sources()
    assert {s.original_name for s in sources} == {"gas.txt", "road.md"}
    assert all(s.publisher == "Test Wire" and s.language == "en" for s in sources)
    for s in sources:
        path = ledger.objects.path(s.id)
        assert path.read_bytes() == (inbox / "gas.txt").read_bytes() or s.original_name != "gas.txt"
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    actions = [(e.action, e.object) for e in ledger.store.custody()]
    assert sorted(a for a in actions if a[0] == "ingest") == sorted(
        ("ingest", s.id) for s in sources)
    assert verify(ledger).ok


def test_same_file_twice_is_stored_once_and_seen_again(ledger: Ledger, tmp_path: Path) -> None:
    a = _write(tmp_path / "a", "gas.txt", GAS)
    b = _write(tmp_path / "b", "copy-of-gas.txt", GAS)
    first = ingest(ledger, [a])
    second = ingest(ledger, [a, b])
    assert (first.added, second.added, second.seen) == (1, 0, 2)
    assert len(_objects(ledger)) == 1 and ledger.store.count_sources() == 1
    sha = ledger.store.list_sources()[0].id
    assert [e.action for e in ledger.store.custody(sha)] == ["ingest", "seen-again", "seen-again"]


def test_metadata_precedence_options_manifest_sidecar(ledger: Ledger, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _write(inbox, "gas.txt", GAS)
    _write(inbox, "road.txt", ROAD)
    (inbox / "manifest.csv").write_text(
        "file,kind,publisher,published,title\n"
        "gas.txt,press_release,Manifest Wire,2023-01-17,Gas cut again\n"
        "road.txt,article,Manifest Wire,2022-12-15,Road closed\n", encoding="utf-8")
    (inbox / "road.txt.json").write_text(json.dumps({"publisher": "Sidecar News"}), "utf-8")
    summary = ingest(ledger, [inbox], {"publisher": "Option Press", "kind": "other"})
    assert (summary.added, summary.failed) == (2, 0)  # manifest and sidecar are not documents
    by_name = {s.original_name: s for s in ledger.store.list_sources()}
    gas, road = by_name["gas.txt"], by_name["road.txt"]
    assert (gas.kind, gas.publisher, gas.published, gas.title) == (
        "press_release", "Manifest Wire", "2023-01-17", "Gas cut again")
    assert (road.publisher, road.published) == ("Sidecar News", "2022-12-15")


def test_encodings_are_decoded(ledger: Ledger, tmp_path: Path) -> None:
    ru = "Жители Степанакерта снова остались без газа и электричества, сообщили власти."
    _write(tmp_path / "in", "ru-cp1251.txt", ru, encoding="cp1251")
    _write(tmp_path / "in", "ru-utf16.txt", ru + " Вторая версия.", encoding="utf-16")
    assert ingest(ledger, [tmp_path / "in"]).added == 2
    texts = {s.original_name: s for s in ledger.store.list_sources()}
    assert texts["ru-cp1251.txt"].text.strip() == ru
    assert texts["ru-cp1251.txt"].language == "ru"
    assert texts["ru-utf16.txt"].text.startswith(ru)


def test_near_duplicates_are_grouped(ledger: Ledger, tmp_path: Path) -> None:
    body = " ".join([GAS, ROAD, GAS.replace("Tuesday", "Monday"), ROAD.upper()])
    _write(tmp_path / "in", "outlet-a.txt", "Outlet A\n" + body)
    _write(tmp_path / "in", "outlet-b.txt", "Outlet B republishes\n" + body + " End.")
    _write(tmp_path / "in", "other.txt", "An unrelated note about electricity tariffs in a "
           "different country, with no words in common with the press release at all here.")
    assert ingest(ledger, [tmp_path / "in"]).added == 3
    groups = ledger.store.duplicate_groups()
    assert len(groups) == 1
    (members,) = groups.values()
    assert {s.original_name for s in members} == {"outlet-a.txt", "outlet-b.txt"}


def test_bad_inputs_each_get_a_line_and_leave_nothing(ledger: Ledger, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    good = _write(inbox, "good.txt", GAS)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "junk.pdf").write_bytes(os.urandom(3000))
    (inbox / "nav-only.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "utf-8")
    (inbox / "huge.txt").write_bytes(b"a" * (2 * 1024 * 1024))
    (inbox / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (inbox / "loop").symlink_to(inbox)  # a link inside a folder: skipped, not followed
    os.mkfifo(inbox / "pipe.txt")
    ledger.settings["max_file_size_mb"] = 1
    results = []
    summary = ingest(ledger, [inbox], on_result=results.append)
    failed = {Path(r.path).name: r.message for r in results if r.status == "failed"}
    assert set(failed) == {"empty.txt", "junk.pdf", "nav-only.html", "huge.txt",
                           "dangling.txt", "loop", "pipe.txt"}
    assert "empty" in failed["empty.txt"]
    assert "PDF" in failed["junk.pdf"]
    assert "no readable text" in failed["nav-only.html"]
    assert "limit" in failed["huge.txt"]
    assert "broken symbolic link" in failed["dangling.txt"]
    assert "symbolic link to " in failed["loop"] and "--follow-links" in failed["loop"]
    assert "not a regular file" in failed["pipe.txt"]
    assert all("\n" not in m for m in failed.values())
    assert (summary.added, summary.failed) == (1, 7)
    assert _objects(ledger) == [ledger.store.list_sources()[0].id]
    assert ledger.store.list_sources()[0].original_name == good.name
    assert verify(ledger).ok


def test_reingest_after_crash_completes_an_orphan_object(ledger: Ledger, tmp_path: Path) -> None:
    path = _write(tmp_path / "in", "gas.txt", GAS)
    ledger.objects.put(path.read_bytes())  # the object was written, then the process died
    report = verify(ledger)
    assert report.ok and len(report.unreferenced) == 1
    assert ingest(ledger, [path]).added == 1
    assert verify(ledger).unreferenced == []


def _linked_inbox(tmp_path: Path) -> Path:
    """An inbox holding a document, a link to a file outside it and a link to a folder."""
    inbox = tmp_path / "inbox"
    _write(inbox, "gas.txt", GAS)
    _write(tmp_path / "elsewhere", "road.txt", ROAD)
    _write(tmp_path / "private", "host.txt", "A private note that is nobody's evidence at all.")
    (inbox / "host").symlink_to(tmp_path / "private" / "host.txt")
    (inbox / "shared").symlink_to(tmp_path / "elsewhere")
    return inbox


def test_promise_11_links_inside_a_folder_are_reported_not_followed(ledger: Ledger,
                                                                    tmp_path: Path) -> None:
    inbox = _linked_inbox(tmp_path)
    results = []
    summary = ingest(ledger, [inbox], on_result=results.append)
    assert (summary.added, summary.failed) == (1, 2)
    failed = {Path(r.path).name: r.message for r in results if r.status == "failed"}
    assert failed == {
        "host": f"symbolic link to {tmp_path / 'private' / 'host.txt'}, not followed: pass "
                "--follow-links to ingest it",
        "shared": f"symbolic link to {tmp_path / 'elsewhere'}, not followed: pass "
                  "--follow-links to ingest it"}
    assert [s.original_name for s in ledger.store.list_sources()] == ["gas.txt"]
    assert len(_objects(ledger)) == 1


def test_promise_11_follow_links_names_each_link_it_follows(tmp_path: Path) -> None:
    inbox = _linked_inbox(tmp_path)
    (tmp_path / "elsewhere" / "back").symlink_to(inbox)  # a loop through the links
    found = {f.path.name: f for f in discover([inbox], follow_links=True)}
    assert found["host"].link == str(tmp_path / "private" / "host.txt")
    assert found["road.txt"].link == str(tmp_path / "elsewhere" / "road.txt")
    assert found["gas.txt"].link is None and found["gas.txt"].problem is None
    assert found["back"].problem == "symbolic link loop: folder already visited"


def test_promise_11_a_link_named_on_the_command_line_is_followed(tmp_path: Path) -> None:
    inbox = _linked_inbox(tmp_path)
    (tmp_path / "named").symlink_to(inbox)
    named = [(str(f.path), f.problem is None) for f in discover([tmp_path / "named",
                                                                  inbox / "host"])]
    assert sorted(named) == [(str(inbox / "host"), True),  # named itself: followed
                             (str(tmp_path / "named" / "gas.txt"), True),
                             (str(tmp_path / "named" / "host"), False),  # inside: skipped
                             (str(tmp_path / "named" / "shared"), False)]


def test_promise_11_ingest_cli_follows_links_only_when_asked(tmp_path: Path) -> None:
    import subprocess
    import sys

    inbox = _linked_inbox(tmp_path)
    assert Ledger.init(tmp_path / "l").close() is None
    command = [sys.executable, "-m", "rightsledger.cli.main", "ingest", str(tmp_path / "l"),
               str(inbox), "--no-extract"]
    plain = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert plain.returncode == 1 and "1 new" in plain.stdout and "2 failed" in plain.stdout
    assert plain.stderr.count("pass --follow-links to ingest it") == 2
    assert plain.stderr.count("\n") == 2
    followed = subprocess.run([*command, "--follow-links"], capture_output=True, text=True,
                              timeout=120)
    assert followed.returncode == 0 and "2 new" in followed.stdout, followed.stderr
    assert sorted(followed.stderr.splitlines()) == [
        f"following symbolic link: {inbox / 'host'} -> {tmp_path / 'private' / 'host.txt'}",
        f"following symbolic link: {inbox / 'shared' / 'road.txt'} -> "
        f"{tmp_path / 'elsewhere' / 'road.txt'}"]
