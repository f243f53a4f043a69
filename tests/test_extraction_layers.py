"""The extraction package is layered: each module imports only modules at or below its layer.

The import graph is read from the source (``ast``), counting every relative
import: module level, inside functions and under ``TYPE_CHECKING`` alike, since
an import moved into a function or a typing block still ties the two modules
together. The layers, lowest first, are documented in the package docstring
(``loaders/extraction/__init__.py``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "loaders" / "extraction"

# Lowest first. A module may import modules of its own layer or of a lower one.
LAYERS: dict[str, tuple[str, ...]] = {
    "foundation": (
        "types", "rulefiles", "cameo", "agents", "lexicon", "lemmas", "tree", "modality", "domain",
        "boilerplate",
        "chunks", "nlp", "base", "dates",
    ),
    "mentions": ("mentions",),
    "resolution": ("coref", "speaker", "titles"),
    "frames": (
        "arguments", "context", "frames", "news", "mediation", "statements", "events", "predicate_frames",
    ),
    "claims": ("anchors", "constructions", "coordination", "tenure"),
    "extractor": ("selective", "spacy_extractor"),
}
LEVEL = {module: level for level, modules in enumerate(LAYERS.values()) for module in modules}


@dataclass
class Module:
    name: str
    imports: set[str] = field(default_factory=set)  # package modules this one imports
    function_imports: set[str] = field(default_factory=set)  # ... from inside a function
    private_imports: set[tuple[str, str]] = field(default_factory=set)  # (module, _name)
    private_defined: set[str] = field(default_factory=set)  # _names this module defines
    private_used: set[str] = field(default_factory=set)  # obj._name with obj not self/cls
    exported: set[str] = field(default_factory=set)  # its __all__
    imported_names: set[tuple[str, str]] = field(default_factory=set)  # (module, name) it imports


def _read(path: Path, names: set[str]) -> Module:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = Module(path.stem)
    aliases: dict[str, str] = {}  # a module imported as a name: "from . import tree"

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                targets = [node.module.split(".")[0]]
                module.imported_names |= {(targets[0], alias.name) for alias in node.names}
                module.private_imports |= {
                    (targets[0], alias.name) for alias in node.names if alias.name.startswith("_")
                }
            else:
                targets = [alias.name for alias in node.names]
                aliases.update({alias.asname or alias.name: alias.name for alias in node.names})
            for target in targets:
                if target in names and target != module.name:
                    module.imports.add(target)
                    if in_function:
                        module.function_imports.add(target)
        named = node.name if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else ""
        if named.startswith("_") and not named.startswith("__"):
            module.private_defined.add(named)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id.startswith("_"):
            module.private_defined.add(node.id)
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):
            module.exported = set(ast.literal_eval(node.value))
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                if isinstance(node.ctx, ast.Store):
                    module.private_defined.add(node.attr)
            elif isinstance(owner, ast.Name) and owner.id in aliases:
                module.private_imports.add((aliases[owner.id], node.attr))
            elif node.attr != "_":  # ``token._`` is spaCy's extension namespace
                module.private_used.add(node.attr)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))

    visit(tree, False)
    return module


def _modules() -> dict[str, Module]:
    paths = {path.stem: path for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    return {name: _read(path, set(paths)) for name, path in paths.items()}


MODULES = _modules()


def test_every_module_has_a_layer() -> None:
    assert set(MODULES) == set(LEVEL), "declare each extraction module's layer in LAYERS"


def test_no_import_cycles() -> None:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    graph.add_edges_from((m.name, target) for m in MODULES.values() for target in m.imports)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_no_function_level_imports() -> None:
    """An import inside a function is how a cycle hides; the package facade (__init__) is exempt."""
    hidden = {m.name: sorted(m.function_imports) for m in MODULES.values() if m.function_imports}
    assert not hidden, f"function-level imports of package modules: {hidden}"


def test_no_private_names_across_modules() -> None:
    imported = {m.name: sorted(m.private_imports) for m in MODULES.values() if m.private_imports}
    assert not imported, f"private names imported from other modules: {imported}"
    foreign = {
        m.name: sorted(
            name
            for name in m.private_used - m.private_defined
            if any(name in other.private_defined for other in MODULES.values() if other is not m)
        )
        for m in MODULES.values()
    }
    foreign = {name: used for name, used in foreign.items() if used}
    assert not foreign, f"private attributes of other modules' objects used: {foreign}"


def test_modules_import_only_exported_names() -> None:
    """A module's interface is its ``__all__``: siblings import nothing else from it."""
    unexported = sorted(
        (m.name, source, name)
        for m in MODULES.values()
        for source, name in m.imported_names
        if source in MODULES and name not in MODULES[source].exported
    )
    assert not unexported, f"names imported but not in the source's __all__: {unexported}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_stay_at_or_below_the_layer(name: str) -> None:
    module = MODULES[name]
    level = LEVEL.get(name, -1)
    upward = sorted(target for target in module.imports if LEVEL.get(target, len(LAYERS)) > level)
    assert not upward, f"{name} (layer {level}) imports higher modules {upward}"


def test_the_reader_sees_hidden_imports(tmp_path: Path) -> None:
    """The graph counts imports inside functions and typing blocks, and private reaches across modules."""
    source = tmp_path / "low.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import tree\n"
        "if TYPE_CHECKING:\n"
        "    from .types import Arg\n"
        "def f(c):\n"
        "    from .high import _helper\n"
        "    return c._emit(tree._cached)\n",
        encoding="utf-8",
    )
    module = _read(source, {"low", "tree", "types", "high"})
    assert module.imports == {"tree", "types", "high"}
    assert module.function_imports == {"high"}
    assert module.private_imports == {("high", "_helper"), ("tree", "_cached")}
    assert module.private_used == {"_emit"}
