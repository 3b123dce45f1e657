"""The commands of the scale path: ``serve`` (a SPARQL server on the built store), ``push`` (the
graph to any Graph Store endpoint) and ``synth`` (a synthetic dataset of any size).

``--endpoint URL`` on the reading commands is handled where every command opens its graph
(:class:`graph.cli.context.Context`).
"""

from __future__ import annotations

import math
import sys

from graph.cli.options import allow_service_option, command, deprecated, folder_option, seed_option, store_options, timeout_option
from graph.errors import ParameterError
from graph.sparql.limits import DEFAULT_TIMEOUT


def register(sub) -> None:
    s = command(sub, "serve", cmd_serve, "serve the built graph read-only over SPARQL 1.1 (the Oxigraph server) "
                "on this machine; Ctrl-C stops it", "carekg serve --port 7878")
    s.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    deprecated(s, "--timeout-s", timeout_option(s, default=DEFAULT_TIMEOUT))
    allow_service_option(s)

    s = command(sub, "push", cmd_push, "upload the built graph to a SPARQL server with the Graph Store Protocol, "
                "replacing the graph there", "carekg push --store http://127.0.0.1:7878/store")
    store_options(s)

    s = command(sub, "synth", cmd_synth, "write a synthetic dataset of about N triples with the shape of the curated "
                "data (then: carekg --data DIR ...)", "carekg synth --triples 100000 --seed 1 -o synth-100k")
    s.add_argument("--triples", type=int, required=True, metavar="N", help="how many curated triples (at least)")
    seed_option(s)
    folder_option(s, "the dataset folder to create (new or empty; its parent must exist)")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_serve(args, ctx) -> int:
    from graph.sparql.server import serve

    if args.timeout < 0:
        raise ParameterError("--timeout must be 0 (no limit) or more")
    location = ctx.kg().engine.location
    ctx.use(None)  # the server opens the store itself
    # Oxigraph counts whole seconds: a limit is never rounded down to none
    return serve(location, args.host, args.port, math.ceil(args.timeout) or None, say=_say, allow_service=args.allow_service)


def cmd_push(args, ctx) -> int:
    from graph.sparql.remote import push_graph

    where, triples = push_graph(ctx.kg(), args.store, args.graph)
    print(f"pushed {triples:,} triples to {where}")
    return 0


def cmd_synth(args, ctx) -> int:
    from graph.kg.synth import synthesise
    from graph.rdf.outputs import check_new_folder

    check_new_folder(args.output)
    report = synthesise(args.output, args.triples, args.seed, ctx.paths)
    things = ", ".join(f"{n:,} {k}" for k, n in report["things"].items())
    print(f"wrote {args.output}: {report['triples']:,} triples, {report['articles']:,} articles ({things})")
    return 0


__all__ = ["register", "cmd_serve", "cmd_push", "cmd_synth"]
