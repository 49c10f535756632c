"""The import graph: data flows one way. Each module imports only from lower layers or from its own
component, and no two modules import each other, even through others (README, "Architecture")."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimgraph"

# Lowest first. A component is a top-level module or a subpackage of claimgraph.
LAYERS: list[set[str]] = [
    {"errors", "ontology", "settings", "records"},  # the words everything shares
    {"data"},  # the knowledge files and their loader
    {"resolve"},  # names, ids, dates, the gazetteer
    {"ingest", "nlp", "store", "fuse", "cluster"},  # reading, extracting, keeping, fusing, running batches on
    # Dask: independent of each other
    {"actions", "fused_view"},  # the Python API: what the tool does and the questions it answers
    {"export"},  # formats over the fused view
    {"web"},  # the workbench over the API
    {"cli"},  # the command line over all of it
]
ENTRY = {"__init__", "__main__"}  # the package's public face may name anything


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _component(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str) -> set[str]:
    """Every claimgraph module `path` imports, at the top or inside a function."""
    found = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("claimgraph")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            if base.startswith("claimgraph"):
                found |= {f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base for a in node.names}
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _graph() -> nx.DiGraph:
    graph: nx.DiGraph[str] = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        graph.add_node(module)
        for target in _imports(path, module):
            if target != module:
                graph.add_edge(module, target)
    return graph


def _layer(component: str) -> int:
    return next(n for n, layer in enumerate(LAYERS) if component in layer)


def test_every_component_has_a_layer() -> None:
    components = {_component(m) for m in _graph()} - ENTRY
    placed = set().union(*LAYERS)
    assert components <= placed, f"components without a layer: {sorted(components - placed)}"


def test_no_import_reaches_up_or_sideways() -> None:
    wrong = []
    for source, target in _graph().edges:
        a, b = _component(source), _component(target)
        if a in ENTRY or a == b or (b in ENTRY and target == "claimgraph"):
            if b in ENTRY and a not in ENTRY:
                wrong.append(f"{source} -> {target} (the package's public face)")
            continue
        if _layer(b) >= _layer(a):
            wrong.append(f"{source} -> {target} (layer {_layer(a)} {a} imports layer {_layer(b)} {b})")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, "\n".join(" -> ".join([*c, c[0]]) for c in cycles)


def test_the_checks_see_what_they_check() -> None:
    graph = _graph()
    assert ("claimgraph.nlp.extract", "claimgraph.nlp.actors") in graph.edges
    assert ("claimgraph.cli.main", "claimgraph.actions") in graph.edges
    assert ("claimgraph.cli.main", "claimgraph.web.app") in graph.edges  # an import inside a function counts
    assert _layer("nlp") < _layer("actions") < _layer("cli")
