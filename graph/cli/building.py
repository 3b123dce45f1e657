"""The commands that make and check the graph: ``build`` (load, validate, write the merged graph)
and ``validate`` (run the checks, list every problem)."""

from __future__ import annotations

from graph.cli.constants import Choices
from graph.cli.options import command, folder_option
from graph.errors import ValidationFailed


def register(sub) -> None:
    s = command(sub, "build", cmd_build, "load, validate and write the merged graph (Turtle, N-Triples, JSON-LD); exit 1 if invalid",
                "carekg build -o build/")
    folder_option(s, "output folder (default: build/ beside the curated data/, or DIR/build/ with --data DIR); "
                  "created if its parent exists", required=False)
    owl_option(s)

    s = command(sub, "validate", cmd_validate, "run the checks on the graph (the default ones, or those named by --check); "
                "exit 1 if any fail", "carekg validate --check shacl --check evidence")
    s.add_argument("--check", action="append", choices=Choices("graph.checks.validate:ALL_CHECKS"), metavar="CHECK",
                   help="run only this check, one of %(choices)s (repeatable; default: all but owl)")
    owl_option(s)


def owl_option(s) -> None:
    """--owl: HermiT on the ontology with the data, besides the default checks."""
    s.add_argument("--owl", action="store_true",
                   help="also run the HermiT reasoner on the ontology with the data (needs Java; the QC queries "
                        "queries/qc/owl-*.rq check what it would find, on every run)")


def checks(args) -> tuple:
    """The checks to run: --check's, else the default ones; --owl adds HermiT on the data."""
    from graph.checks.validate import DEFAULT_CHECKS

    chosen = tuple(getattr(args, "check", None) or DEFAULT_CHECKS)
    return chosen + ("owl",) if args.owl and "owl" not in chosen else chosen


def cmd_build(args, ctx) -> int:
    from graph.checks.validate import validate
    from graph.kg.store import build
    from graph.rdf.outputs import output_folder

    if args.output is not None:
        output_folder(args.output, create=False)

    def check(kg):
        problems = validate(kg, checks=checks(args))
        if problems:
            raise ValidationFailed(problems)

    for path in build(ctx.paths, args.output, check=check):
        print(f"wrote {path}")
    return 0


def cmd_validate(args, ctx) -> int:
    from graph.checks.validate import validate
    from graph.kg.store import in_memory

    chosen = checks(args)
    kg = ctx.kg()
    if not ctx.on_endpoint and set(chosen) - {"terms", "ontology"}:  # checks that query the store: faster in memory
        kg = in_memory(kg)
    problems = validate(kg, checks=chosen)
    if problems:
        raise ValidationFailed(problems)
    print("valid: " + ", ".join(chosen) + " checks pass")
    return 0


__all__ = ["register", "cmd_build", "cmd_validate", "owl_option", "checks"]
