"""carekg: a sourced knowledge graph of England's health and social care budget-pooling debate.

The package is laid out as the flow of the data, one subpackage per stage, each saying in its
docstring what it holds.  :data:`LAYERS` lists them lowest first; a module imports only from
its own subpackage and the ones before it (``tests/test_layers.py`` keeps it so), and
:mod:`graph.errors`, the exception hierarchy, sits below them all.

Examples
--------
>>> LAYERS[0], LAYERS[-1]
('rdf', 'cli')
>>> import importlib
>>> importlib.import_module("graph.kg").__doc__.split(":")[0]
'The knowledge graph'
"""

__version__ = "1.0.0"

LAYERS = (
    "rdf",       # namespaces, paths, reading and writing Turtle, dates, the ontology's schemes
    "text",      # article texts, sources, evidence phrases and their selectors, near names, slugs
    "sparql",    # query text, the engine, limits, endpoints, the server, the catalogue, SHACL
    "kg",        # load, the cached store, names and the resolver, queries, describe, synth
    "checks",    # validate: terms, shapes, QC, evidence
    "analysis",  # actor selection, stances, views, discourse, coalitions, polarisation, brokers
    "map",       # the influence map: layout, scope, styles, the HTML page
    "exchange",  # result formats, tables, networks, frames, reports, DNA files
    "coding",    # coding sheets and suggested drafts
    "cli",       # the carekg command
)


def package_map() -> str:
    """The package map in Markdown, read from the files (nothing is imported): each subpackage
    of :data:`LAYERS`, lowest first, with its docstring, then its modules with the first
    paragraph of theirs and its other files.  ``docs/architecture.md`` shows it.

    >>> package_map().splitlines()[1][:40]
    '- **`graph/rdf/`**: RDF basics every sta'
    """
    import ast
    import re
    from pathlib import Path

    here = Path(__file__).parent

    def doc(path: Path, whole: bool = False) -> str:
        text = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        text = text if whole else text.split("\n\n")[0]
        text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text.replace("``", "`"))  # reST roles as code
        return " ".join(text.split())

    def folder(path: Path, depth: int) -> list[str]:
        pad = "  " * depth
        lines = [f"{pad}- **`{path.relative_to(here.parent).as_posix()}/`**: {doc(path / '__init__.py', whole=True)}"]
        for item in sorted(path.iterdir()):
            if item.name.startswith(("_", ".")):
                continue
            if (item / "__init__.py").exists():
                lines += folder(item, depth + 1)
            elif item.suffix == ".py":
                lines.append(f"{pad}  - `{item.name}`: {doc(item)}")
            elif item.is_dir():
                lines.append(f"{pad}  - `{item.name}/`: " + ", ".join(f"`{f.name}`" for f in sorted(item.iterdir()) if f.is_file()))
            else:
                lines.append(f"{pad}  - `{item.name}`")
        return lines

    lines = [f"- `graph/errors.py` (below every subpackage): {doc(here / 'errors.py')}"]
    for name in LAYERS:
        lines += folder(here / name, 0)
    lines.append(f"- `graph/__main__.py` (above them all): {doc(here / '__main__.py')}")
    return "\n".join(lines) + "\n"
