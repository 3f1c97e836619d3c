"""The codebase's own rules, run with the tests so that CI enforces them: import boundaries
(import-linter contracts in pyproject.toml), no import cycles (grimp), lint (ruff), and types (mypy,
strict on every package, the application included).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.exists():
        pytest.fail(f"{tool} is not installed in the test environment (pip install -e '.[dev]')")
    return subprocess.run([str(executable), *args], cwd=REPO, capture_output=True, text=True, timeout=600)


def test_import_boundaries_hold() -> None:
    result = _run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr


# note: no cycle is tolerated any more (the last, matching.evaluate <-> evaluate_face, went with the shared
# evaluation core). The list may only shrink: a cycle gone from the code must leave it too.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _import_cycles() -> set[frozenset[str]]:
    """Strongly connected groups of modules (Tarjan) in the import graph of our five packages; lazy
    imports inside functions count, because they still make two modules depend on each other."""
    import grimp

    graph = grimp.build_graph("fieldkit", "capture", "matching", "storage", "reports")
    modules = graph.modules
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & modules) for m in sorted(modules)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(start: str) -> None:
        # iterative Tarjan: (module, position in its edge list)
        work = [(start, 0)]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, position = work[-1]
            if position < len(edges[node]):
                work[-1] = (node, position + 1)
                target = edges[node][position]
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.add(frozenset(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_import_graph_has_no_new_cycles() -> None:
    cycles = _import_cycles()
    assert {tuple(sorted(c)) for c in cycles - KNOWN_CYCLES} == set(), "new import cycle"
    gone = {tuple(sorted(c)) for c in KNOWN_CYCLES - cycles}
    assert gone == set(), "cycle gone: remove it from KNOWN_CYCLES"


def test_ruff_lint_is_clean() -> None:
    result = _run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_pickle_anywhere() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("fieldkit", "capture", "matching", "storage", "reports")
        for path in (REPO / folder).rglob("*.py")
        if "import pickle" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
