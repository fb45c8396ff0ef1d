"""speechkit's folders are its architecture: layers in the order the data flows (speechkit.LAYERS,
documented in speechkit/__init__.py and the README's 目录), and every import, including those inside
functions, goes down or sideways within a layer, never up and never round in a cycle.

The walk reads the source with `ast` (nothing is imported), so a lazy import inside a function counts
like one at the top. The last tests plant the faults in a throwaway tree to show the walk finds them.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import speechkit

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "scripts" / "speechkit"


def module_names(package: Path) -> dict[str, Path]:
    """Dotted name → file for every module under `package` (a package is named by its __init__.py)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(name: str, path: Path, known: set[str], top: str) -> list[tuple[str, int]]:
    """(imported module, line) for every speechkit import in the file, at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:  # `from . import site` imports the module site
                sub = f"{source}.{alias.name}"
                found.append((sub if sub in known else source, node.lineno))
    return [(target, line) for target, line in found if target == top or target.startswith(top + ".")]


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a path) per strongly connected group of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_round_trip(group, graph) for group in groups]


def _round_trip(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module through the group back to it."""
    start, members = min(group), set(group)
    paths = [[start]]
    while paths:  # breadth first, so the shortest cycle is named
        path = paths.pop(0)
        for nxt in sorted(graph[path[-1]] & members):
            if nxt == start:
                return path + [start]
            if nxt not in path:
                paths.append(path + [nxt])
    raise AssertionError(f"no cycle through {group}")


def problems(package: Path, layers: tuple[str, ...]) -> list[str]:
    """Every breach of the layering in `package`, as a sentence naming the file and line."""
    names = module_names(package)
    known = set(names)
    top = package.name
    out = []
    subpackages = sorted(n.split(".")[1] for n in names if n.count(".") == 1 and names[n].name == "__init__.py")
    if sorted(layers) != subpackages:
        out.append(f"layers {layers} do not match the subpackages {subpackages}: add a new one to LAYERS, in its place")
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        shown = path.relative_to(package.parent)
        if name != top and layer_of(name) not in layers:
            out.append(f"{shown}: belongs to no layer; move it into one of {layers}")
            continue
        for target, line in imports_of(name, path, known, top):
            if target not in known:
                out.append(f"{shown}:{line}: imports {target}, which does not exist")
                continue
            graph[name].add(target)
            here, there = layer_of(name), layer_of(target)
            if here is None or there is None or here == there:
                continue
            if layers.index(there) > layers.index(here):
                out.append(f"{shown}:{line}: upward import of {target} ({there}) from the {here} layer")
            elif target != f"{top}.{there}":
                out.append(f"{shown}:{line}: imports {target}; take public names from the package {top}.{there}")
    out += ["import cycle: " + " → ".join(path) for path in cycles(graph)]
    return out


def test_layers_are_documented_once_and_in_order():
    listed = tuple(re.findall(r"^\d\. (\w+) ", speechkit.__doc__, flags=re.M))
    assert listed == speechkit.LAYERS, "speechkit/__init__.py's docstring lists the layers in another order than LAYERS"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    chain = " → ".join(speechkit.LAYERS)
    assert chain in readme, f"README's 目录 should give the layer order as {chain}"


def test_no_cycle_no_upward_import():
    assert problems(PACKAGE, speechkit.LAYERS) == []


def test_hooks_and_scripts_import_from_the_layer_packages():
    """Hooks stay thin adapters over speechkit's public names, so a module can move inside its layer."""
    wrong = []
    for path in sorted([*(ROOT / "overrides" / "hooks").glob("*.py"), *(ROOT / "scripts").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("speechkit"):
                if node.module.count(".") != 1 or layer_of(node.module) not in speechkit.LAYERS:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {node.module} import …")
            elif isinstance(node, ast.Import) and any(a.name.startswith("speechkit") for a in node.names):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: import speechkit…; use from speechkit.<layer> import …")
    assert wrong == []


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "kit"
    for name in ("__init__.py", "low/__init__.py", "high/__init__.py", "low/a.py", "low/b.py", "high/c.py"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(files.get(name, ""), encoding="utf-8")
    return package


def test_the_walk_finds_an_upward_import_even_inside_a_function(tmp_path):
    package = _plant(tmp_path, {"low/a.py": "def f():\n    from ..high import c\n"})
    assert problems(package, ("low", "high")) == ["kit/low/a.py:2: upward import of kit.high.c (high) from the low layer"]


def test_the_walk_finds_a_cycle_and_a_deep_import(tmp_path):
    package = _plant(tmp_path, {
        "low/a.py": "from .b import x\n",
        "low/b.py": "def g():\n    from . import a\n",
        "high/c.py": "from ..low.a import f\n",
    })
    assert problems(package, ("low", "high")) == [
        "kit/high/c.py:1: imports kit.low.a; take public names from the package kit.low",
        "import cycle: kit.low.a → kit.low.b → kit.low.a",
    ]


def test_the_walk_finds_a_module_outside_the_layers(tmp_path):
    package = _plant(tmp_path, {})
    (package / "loose.py").write_text("", encoding="utf-8")
    assert problems(package, ("high", "low")) == ["kit/loose.py: belongs to no layer; move it into one of ('high', 'low')"]
    assert problems(package, ("low",))[0].startswith("layers ('low',) do not match the subpackages ['high', 'low']")
