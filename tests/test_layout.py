"""The code's layout: imports flow one way and page parsing knows nothing of Scrapy.

The flow is spiders -> page parsing (``archiver/extract``) -> item -> pipelines -> archive
files -> reader and exports; the graph is read from the source (every ``import``, also
inside functions and under ``TYPE_CHECKING``), so a cycle that only bites at run time or
in the type checker shows up here as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from crawling import PROJECT

PACKAGES = ("archiver", "spiders")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the packages, by dotted name."""
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((PROJECT / package).rglob("*.py"))
    }


def imported_names(path: Path, name: str, known: set[str] = frozenset()) -> set[str]:
    """The dotted names a module imports, made absolute: ``from X import Y`` gives X.Y, and
    X too unless X is a package holding the importer and every Y is a ``known`` submodule
    (Python has begun importing that package already: no new dependency)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join(here + ([base] if base else []))
            targets = {f"{base}.{alias.name}" for alias in node.names}
            if not (targets <= known and name.startswith(f"{base}.")):
                found.add(base)
            found |= targets
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the packages it imports."""
    known = modules()
    return {
        name: {other for other in imported_names(path, name, set(known)) if other in known} - {name}
        for name, path in known.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read_from_every_module():
    graph = import_graph()
    assert {"archiver.replay.server", "archiver.extract.page", "spiders.ofweek"} <= set(graph)
    assert "archiver.replay.handler" in graph["archiver.replay.server"]
    assert "archiver.items" in graph["spiders.base"]
    # a cycle in a made-up graph is found, as is its absence
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_packages_have_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_page_parsing_imports_nothing_of_scrapy_and_nothing_downstream():
    upstream_only = ("archiver.extract", "archiver.items")  # what page parsing may import
    for name, path in modules().items():
        if not name.startswith("archiver.extract"):
            continue
        for other in imported_names(path, name):
            top = other.split(".")[0]
            assert top not in ("scrapy", "twisted") and not top.startswith("scrapy_"), (
                f"{name} imports {other}"
            )
            if top in PACKAGES:
                assert other.startswith(upstream_only) or other == "archiver", (
                    f"{name} imports {other}"
                )


# The flow's stages, and what each must not import: the spiders and the pipelines meet only
# through Scrapy and the item; the archive's files know nothing of how they are crawled
# or read; the reader and the exports read files, without the crawl's components.
MODEL = ("archiver.items",)
SPIDERS = ("spiders",)
PIPELINES = ("archiver.pipelines",)
CRAWL = SPIDERS + PIPELINES + ("archiver.middlewares", "archiver.extensions")
FILES = ("archiver.archive", "archiver.folder", "archiver.frontmatter", "archiver.render")
FILES += ("archiver.state", "archiver.storage", "archiver.paths")
READERS = ("archiver.reader", "archiver.commands", "archiver.cli", "archiver.verify")
FLOW = {
    "the item": (MODEL, ("archiver", "spiders")),
    "spiders": (SPIDERS, PIPELINES + READERS),
    "pipelines": (PIPELINES, SPIDERS + READERS),
    "archive files": (FILES, CRAWL + READERS),
    "reader and exports": (READERS, CRAWL),
}


@pytest.mark.parametrize("stage", FLOW)
def test_no_stage_imports_one_it_must_not_know(stage):
    prefixes, forbidden = FLOW[stage]
    wrong = sorted(
        f"{name} -> {other}"
        for name, imported in import_graph().items()
        if name.startswith(prefixes)
        for other in imported
        if other.startswith(forbidden) and not other.startswith(prefixes)
    )
    assert not wrong, "\n".join(wrong)
