"""A dataset folder of one's own, and what it builds on.

``carekg init DIR`` makes a dataset folder: ``DIR/dataset.ttl`` (:data:`DECLARATION`) declares
the dataset (a ``dcat:Dataset`` with its title and the curation rules it keeps) and, unless it
is made ``--standalone``, that it builds on the curated graph: ``owl:imports`` of
:data:`CURATED`, the IRI the curated ``data/sources.ttl`` gives its dataset.  Every command run
with ``--data DIR`` then reads the curated Turtle and the folder's own together
(:meth:`graph.rdf.paths.Paths.for_dataset`), the curated texts from the seeds folder and the
folder's own from ``DIR/sources/``, and writes only into ``DIR``.

A folder without a declaration (one made by hand, ``carekg import`` or ``carekg synth``) stands
alone, as before.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     folder = init_dataset(Path(tmp) / "mine")
...     made = sorted(p.name for p in folder.iterdir()), imports_of(folder)
>>> made
(['dataset.ttl', 'sources'], ('https://w3id.org/carekg/dataset/curated',))
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import ParameterError
from graph.rdf.paths import CURATED, DECLARATION, KNOWN, imports_of


def declaration(title: str, standalone: bool = False) -> str:
    """The Turtle of a new dataset's declaration (see the module docstring).

    >>> print(declaration("mine").splitlines()[-1])
        owl:imports <https://w3id.org/carekg/dataset/curated> .
    """
    from graph.rdf.serialise import turtle_string

    builds = ("# It builds on the curated graph (owl:imports): every command run with --data on this folder\n"
              "# reads the curated articles' facts and this folder's together, and writes only here.\n")
    alone = "# It stands alone: commands run with --data on this folder read only its own facts.\n"
    head = ("# A carekg dataset, made by `carekg init`: its Turtle files sit in this folder, the texts\n"
            "# of its articles in sources/ (`carekg --data DIR source add`), its build in build/.\n"
            + (alone if standalone else builds) +
            "# The rules it keeps are the curated data's: evidence phrases of 3 to 15 words, and\n"
            "# aliases, honorifics and professions taken from the articles' own words.\n\n"
            "@prefix carekg: <https://w3id.org/carekg/ontology#> .\n"
            "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
            "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
            "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n")
    body = (f"[] a dcat:Dataset ;\n    dcterms:title {turtle_string(title)} ;\n"
            '    carekg:minEvidenceWords "3"^^xsd:positiveInteger ;\n'
            '    carekg:maxEvidenceWords "15"^^xsd:positiveInteger ;\n'
            "    carekg:namesFromText true")
    return head + body + (" .\n" if standalone else f" ;\n    owl:imports <{CURATED}> .\n")


def init_dataset(folder: Path | str, standalone: bool = False, title: str | None = None) -> Path:
    """Make a new dataset folder (new or empty, in a folder that exists): its declaration and an
    empty ``sources/``; return the folder."""
    from graph.rdf.outputs import new_dataset_folder

    folder = Path(folder)
    if (folder / DECLARATION).exists():
        raise ParameterError(f"{folder} is a dataset already ({folder / DECLARATION})")
    name = title or folder.resolve().name
    with new_dataset_folder(folder) as stage:
        (stage / DECLARATION).write_text(declaration(name, standalone), encoding="utf-8")
    return folder


__all__ = ["CURATED", "DECLARATION", "KNOWN", "declaration", "imports_of", "init_dataset"]
