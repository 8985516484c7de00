"""Data flows one way: no package of src/rightsledger imports one of a higher layer.

The layers are listed, from the ground up, in docs/development.md ("Layers"); this test
reads them from there. A unit is the first name after ``rightsledger.`` (a package such as
``evidence``, or a top-level module such as ``ledger``). A module may import its own unit
and any unit of a lower layer; an import of a higher layer, or of another unit of its own
layer, fails the test naming the file, the line and both layers.

Every import statement counts, wherever it stands: at the top of a module, inside a
function (a "lazy" import is still a dependency), and under ``if TYPE_CHECKING:`` (a
type-only import still ties the lower package to the higher one's names). Relative imports
are resolved. Not seen: a module named by a string at run time (``importlib.import_module``;
the two in the code load modules of their own package).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "rightsledger"
DOC = ROOT / "docs" / "development.md"


def layers(doc: Path = DOC) -> list[list[str]]:
    """The units of each layer, ground first, from the numbered list under "## Layers"."""
    section = doc.read_text("utf-8").split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    found = [re.findall(r"`(\w+)`", line.split(" — ")[0])
             for line in section.splitlines() if re.match(r"\d+\. `", line)]
    assert found, f"{doc}: no numbered list of layers under '## Layers'"
    return found


@dataclass(frozen=True)
class Edge:
    path: Path
    line: int
    importer: str  # unit
    imported: str  # unit


def unit_of(path: Path, package: Path) -> str:
    """``evidence`` for evidence/custody.py, ``ledger`` for ledger.py; ``rightsledger`` for
    the package's own __init__.py."""
    parts = path.relative_to(package).with_suffix("").parts
    return "rightsledger" if parts == ("__init__",) else parts[0]


def _dotted(path: Path, package: Path) -> list[str]:
    """The module's dotted name as parts: ['rightsledger', 'evidence', 'custody']."""
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def _targets(node: ast.Import | ast.ImportFrom, path: Path, package: Path) -> list[str]:
    """The dotted names an import statement loads (for ``from X import a``: X.a, which is
    X's submodule a when there is one, else a name X defines)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        here = _dotted(path, package)
        if path.name != "__init__.py":
            here = here[:-1]  # a module's package
        here = here[:len(here) - node.level + 1]
        base = ".".join([*here, *([node.module] if node.module else [])])
    return [f"{base}.{alias.name}" for alias in node.names]


def _unit(dotted: str, package: Path) -> str | None:
    """The unit a dotted name belongs to, or None when it is not ours."""
    parts = dotted.split(".")
    if parts[0] != package.name:
        return None
    if len(parts) == 1 or not ((package / parts[1]).is_dir()
                               or (package / f"{parts[1]}.py").is_file()):
        return "rightsledger"  # a name the package's own __init__.py defines
    return parts[1]


def edges(package: Path = PACKAGE) -> list[Edge]:
    """Every import of one unit by another, at every place in every module."""
    found = []
    for path in sorted(package.rglob("*.py")):
        importer = unit_of(path, package)
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _targets(node, path, package):
                imported = _unit(target, package)
                if imported is not None and imported != importer:
                    found.append(Edge(path, node.lineno, importer, imported))
    return sorted(set(found), key=lambda e: (e.path, e.line, e.imported))


def back_edges(package: Path = PACKAGE, order: list[list[str]] | None = None) -> list[str]:
    """One line for each import that runs up (or sideways), and for each unplaced unit."""
    order = layers() if order is None else order
    floor = {unit: n for n, units in enumerate(order, 1) for unit in units}
    problems = []
    units = {unit_of(p, package) for p in package.rglob("*.py")}
    for unit in sorted(units - set(floor)):
        problems.append(f"{unit}: in no layer; place it in docs/development.md, 'Layers'")
    for e in edges(package):
        low, high = floor.get(e.importer), floor.get(e.imported)
        if low is None or high is None or low > high:
            continue
        where = f"{e.path.relative_to(package.parent)}:{e.line}"
        if low == high:
            problems.append(f"{where}: {e.importer} imports {e.imported}, both of layer {low} "
                            "(units of one layer do not import each other)")
        else:
            problems.append(f"{where}: {e.importer} (layer {low}) imports {e.imported} "
                            f"(layer {high}, higher)")
    return problems


def test_no_import_runs_up_a_layer() -> None:
    problems = back_edges()
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_the_ground_floor_imports_nothing_of_ours() -> None:
    ground = [e for e in edges() if e.importer == "ground"]
    assert "ground" in layers()[0] and not ground


def test_every_layer_holds_a_unit_that_exists() -> None:
    units = {unit_of(p, PACKAGE) for p in PACKAGE.rglob("*.py")}
    listed = [u for layer in layers() for u in layer]
    assert len(listed) == len(set(listed)), "a unit is listed twice"
    assert set(listed) <= units, f"no such package or module: {set(listed) - units}"


def _module(package: Path, name: str, text: str) -> None:
    path = package / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_a_back_edge_is_named_with_its_file_line_and_layers(tmp_path: Path) -> None:
    """The checker itself, on a small package: each kind of import that runs up is found."""
    package = tmp_path / "rightsledger"
    order = [["ground", "rightsledger"], ["evidence"], ["extract", "records"], ["workflow"]]
    _module(package, "__init__.py", "")
    _module(package, "ground.py", "")
    _module(package, "evidence/__init__.py", "")
    _module(package, "evidence/ingest.py", (
        "from typing import TYPE_CHECKING\n"
        "from rightsledger.ground import utc_now\n"                # 2: down, fine
        "if TYPE_CHECKING:\n"
        "    from rightsledger.workflow import ingest\n"           # 4: up, type-only
        "def run():\n"
        "    import rightsledger.extract.pipeline\n"               # 6: up, inside a function
        "from .. import workflow\n"))                              # 7: up, relative
    _module(package, "extract/__init__.py", "from rightsledger import records\n")  # sideways
    _module(package, "records/__init__.py", "")
    _module(package, "workflow/__init__.py", "from rightsledger.evidence import ingest\n")
    problems = back_edges(package, order)
    assert problems == [
        "rightsledger/evidence/ingest.py:4: evidence (layer 2) imports workflow (layer 4, higher)",
        "rightsledger/evidence/ingest.py:6: evidence (layer 2) imports extract (layer 3, higher)",
        "rightsledger/evidence/ingest.py:7: evidence (layer 2) imports workflow (layer 4, higher)",
        "rightsledger/extract/__init__.py:1: extract imports records, both of layer 3 (units of "
        "one layer do not import each other)",
    ]
    assert back_edges(package, order[:-1])[0] == (
        "workflow: in no layer; place it in docs/development.md, 'Layers'")
