"""What one ``carekg`` invocation works on: the dataset (``--data``) and, for the reading commands,
a SPARQL endpoint (``--endpoint``, ``--graph``).

:func:`graph.cli.parser.main` makes one :class:`Context` from the parsed options and hands it to
the command with the options, so nothing is kept between two invocations in one process (the
tests run hundreds): each command checks its store against the inputs afresh.

Examples
--------
>>> ctx = Context(data=Path("my-dataset"))
>>> ctx.paths.data.name, ctx.on_endpoint
('my-dataset', False)
>>> Context(endpoint="http://127.0.0.1:7878/query").on_endpoint
True
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from graph.cli.options import query_limits

if TYPE_CHECKING:
    from graph.kg.load import KnowledgeGraph
    from graph.rdf.paths import Paths


@dataclass
class Context:
    """The dataset folder (None: the curated ``data/``) and the endpoint a command reads.

    Attributes
    ----------
    data : Path or None
        The ``--data`` folder.
    endpoint, graph : str or None
        The ``--endpoint`` URL and the ``--graph`` IRI read there; the queries, views and the
        ontology's vocabularies still come from the local files.
    limits : dict
        ``timeout``, ``max_rows`` and ``max_memory`` of every call to the endpoint.
    """

    data: Path | None = None
    endpoint: str | None = None
    graph: str | None = None
    limits: dict = field(default_factory=dict)
    _kg: KnowledgeGraph | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args) -> Context:
        """The context of parsed options: ``--data``, and ``--endpoint``/``--graph`` where the command has them."""
        endpoint = getattr(args, "endpoint", None)
        limits = query_limits(args) if endpoint else {}  # every call to the endpoint is bounded as a query here
        return cls(data=args.data, endpoint=endpoint, graph=getattr(args, "graph", None) if endpoint else None, limits=limits)

    @cached_property
    def paths(self) -> Paths:
        from graph.rdf.paths import Paths

        return Paths.for_dataset(self.data)

    @property
    def on_endpoint(self) -> bool:
        return bool(self.endpoint)

    def kg(self) -> KnowledgeGraph:
        """The graph the command reads, opened once: on the endpoint if one is given, else the
        dataset's cached store (see graph.kg.store)."""
        if self._kg is None:
            self._kg = self._remote() if self.endpoint else self._local()
        return self._kg

    def use(self, kg: KnowledgeGraph | None) -> None:
        """Read ``kg`` from now on (a query's supervised process opens the store itself), or nothing."""
        self._kg = kg

    def _local(self) -> KnowledgeGraph:
        from graph.kg.store import open_graph

        kg, note = open_graph(self.paths)
        if note:
            print(f"carekg: note: {note}", file=sys.stderr)
        return kg

    def _remote(self) -> KnowledgeGraph:
        from graph.kg.load import KnowledgeGraph
        from graph.rdf.namespaces import PREFIXES
        from graph.sparql.remote import EndpointEngine

        assert self.endpoint
        return KnowledgeGraph(EndpointEngine(self.endpoint, PREFIXES, graph=self.graph, **self.limits), self.paths)


__all__ = ["Context"]
