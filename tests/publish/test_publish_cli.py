"""The publishing commands as a user runs them: one clear line for bad input, the public key
printed and written, an empty ledger's report."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import rl


def test_bad_input_gets_one_line_and_exit_status_2(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    cases = [
        (("report", str(ledger), "--title", "T", "--from", "2023-13-01", "--out",
          str(tmp_path / "r")), "--from: '2023-13-01' is not a day (YYYY-MM-DD)"),
        (("export", str(ledger), "--format", "kml", "--out", str(tmp_path / "e")),
         "unknown export format 'kml': choose one of json, csv, geojson, acled, huridocs"),
        (("export", str(ledger), "--public", "--include-proposed", "--out",
          str(tmp_path / "e")), "--public shows accepted incidents only"),
        (("verify-export", str(tmp_path / "nowhere"), "--key", str(ledger / "keys" /
                                                                   "ledger.pub")),
         "is not a folder: give the folder an export or report wrote"),
        (("verify-export", str(tmp_path), "--key", str(tmp_path / "missing.pub")),
         "cannot load public key"),
    ]
    for args, message in cases:
        done = rl(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, \
            done.stderr
    assert not (tmp_path / "r").exists() and not (tmp_path / "e").exists()


def test_keys_prints_the_public_key_and_an_empty_ledger_still_reports(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    assert rl("init", str(ledger)).returncode == 0
    keys = rl("keys", str(ledger), "--out", str(tmp_path / "ledger.pub"))
    assert keys.stdout.startswith("-----BEGIN PUBLIC KEY-----")
    assert (tmp_path / "ledger.pub").read_text() == keys.stdout
    assert "fingerprint: " in keys.stderr
    built = rl("report", str(ledger), "--title", "Quiet month", "--format", "html", "--out",
               str(tmp_path / "report"))
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "report" / "report.html").read_text("utf-8")
    assert "holds <strong>0</strong> accepted incidents" in html
    assert "This is the first report of the series “Quiet month”" in html
    checked = rl("verify-export", str(tmp_path / "report"), "--key", str(tmp_path / "ledger.pub"))
    assert checked.returncode == 0 and checked.stdout.startswith("ok: 1 file(s)")
