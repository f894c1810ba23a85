"""The package layout shows the pipeline: one folder per stage, and every import of a kg
module runs from a later stage to the same or an earlier one, so that there is no circle.

Imports are read from the source with `ast` (those inside functions too), not by
importing the modules, so a lazy import that breaks the order is caught as well.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
# The stages in the order the data goes through them; the composition and the command line last.
STAGES = ["model", "read", "language", "extract", "resolve", "graph", "ask", "see", "evaluate", "run", "build", "api",
          "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # "kg" itself is no stage


def kg_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a kg module in the file, relative ones resolved."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "kg" or target.startswith("kg."):
                # `from . import x` names submodules: take each as the module imported
                if not node.module:
                    found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
                else:
                    found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name == "kg" or a.name.startswith("kg.")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_stage():
    loose = [module_name(p) for p in MODULES
             if module_name(p) != "kg" and stage_of(module_name(p)) not in STAGES]
    assert not loose, f"modules outside the stages {STAGES}: {loose}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_from_later_stages_to_earlier_ones(path):
    here = stage_of(module_name(path))
    if here is None:
        return
    backwards = [(line, target) for line, target in kg_imports(path)
                 if stage_of(target) is not None and STAGES.index(stage_of(target)) > STAGES.index(here)]
    assert not backwards, f"{module_name(path)} ({here}) imports a later stage: {backwards}"


def test_no_circle_of_imports_between_modules():
    graph = {module_name(p): {t for _, t in kg_imports(p)} for p in MODULES}
    known = set(graph)
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(m: str, trail: list[str]) -> bool:
        state[m] = 1
        for t in sorted(graph[m]):
            t = t if t in known else t.rpartition(".")[0]  # `from kg.x import name` of a package
            if t not in known or t == m:
                continue
            if state.get(t) == 1:
                cycle.extend(trail[trail.index(t):] + [t] if t in trail else [m, t])
                return True
            if state.get(t) is None and visit(t, trail + [t]):
                return True
        state[m] = 2
        return False

    for m in sorted(graph):
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_store_knows_nothing_of_commands():
    for p in (PACKAGE / "graph").glob("*.py"):
        stages = {stage_of(t) for _, t in kg_imports(p)}
        assert not stages & {"ask", "see", "evaluate", "cli"}, p.name
