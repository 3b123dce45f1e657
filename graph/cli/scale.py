"""The commands of the scale path: ``serve`` (a SPARQL server on the built store), ``push`` (the
graph to any Graph Store endpoint) and ``synth`` (a synthetic dataset of any size).

``--endpoint URL`` on the reading commands is handled where every command opens its graph
(:func:`graph.cli.commands.use_endpoint`).
"""

from __future__ import annotations

import sys

from graph.cli.commands import _kg_local, _paths


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_serve(args) -> int:
    from graph.sparql.server import serve

    kg = _kg_local()
    location = kg.engine.location
    del kg  # the server opens the store itself
    return serve(location, args.host, args.port, args.timeout_s, say=_say)


def cmd_push(args) -> int:
    from graph.sparql.remote import push_graph

    target, triples = push_graph(_kg_local(), args.endpoint, args.graph)
    print(f"pushed {triples:,} triples to {target}")
    return 0


def cmd_synth(args) -> int:
    from graph.kg.synth import synthesise
    from graph.rdf.outputs import check_new_folder

    check_new_folder(args.output)
    report = synthesise(args.output, args.triples, args.seed, _paths())
    things = ", ".join(f"{n:,} {k}" for k, n in report["things"].items())
    print(f"wrote {args.output}: {report['triples']:,} triples, {report['articles']:,} articles ({things})")
    return 0


__all__ = ["cmd_serve", "cmd_push", "cmd_synth"]
