"""What the shared options do in the commands: --top 0 for all, the map's period in years,
serve's --timeout in whole seconds, and nothing kept from one invocation to the next."""

from __future__ import annotations

import json

import pytest

from ..helpers import dataset_copy, run_carekg

COUNT = "SELECT (COUNT(*) AS ?n) { ?s a carekg:Stance }"


def test_top_zero_shows_every_row_and_a_negative_top_is_one_clear_error(cli):
    code, out, _ = cli("brokers", "--top", "0", "-f", "json")
    every = json.loads(out)["central"]
    code, out, _ = cli("brokers", "--top", "3", "-f", "json")
    assert code == 0 and json.loads(out)["central"] == every[:3] and len(every) > 3
    for command in (["brokers"], ["paths", "Norman Lamb", "John Oldham"], ["map", "-o", "-"]):
        assert cli(*command, "--top", "-1")[::2] == (2, "carekg: error: --top must be 0 (all) or more\n")


def test_paths_top_is_the_shortest_first(cli):
    code, every, _ = cli("paths", "Norman Lamb", "John Oldham", "--max-hops", "3", "--all", "--top", "0", "-f", "json")
    code, first, _ = cli("paths", "Norman Lamb", "John Oldham", "--max-hops", "3", "--all", "--top", "2", "-f", "json")
    every, first = json.loads(every), json.loads(first)
    assert len(every) > 2 and first == every[:2] and [p["length"] for p in every] == sorted(p["length"] for p in every)


def test_the_map_top_is_its_node_limit(cli, tmp_path):
    code, _, err = cli("map", "-o", tmp_path / "all.html", "--no-coalitions", "--top", "0")
    assert code == 0 and "Showing" not in err
    total = int(err.split("(")[-1].split()[0])
    code, _, err = cli("map", "-o", tmp_path / "ten.html", "--no-coalitions", "--top", "10")
    assert code == 0 and f" of {total} nodes" in err and "the 10 with the most relations." in err  # 10 or fewer: isolated ones go


@pytest.mark.parametrize("option", ["--start", "--end"])
def test_the_map_period_is_in_years(cli, option, tmp_path):
    code, out, err = cli("map", "-o", tmp_path / "m.html", option, "2015-06")
    assert (code, err) == (2, f"carekg: error: {option} 2015-06: the map filters claims by year; give a year such as 2015\n")
    assert not (tmp_path / "m.html").exists()


@pytest.mark.parametrize("given, passed", [("0", None), ("0.2", 1), ("30", 30)])
def test_serve_timeout_is_whole_seconds_and_never_rounded_to_none(cli, monkeypatch, given, passed):
    import graph.sparql.server

    seen = {}
    monkeypatch.setattr(graph.sparql.server, "serve", lambda location, host, port, timeout_s, say, allow_service:
                        seen.update(t=timeout_s) or 0)
    assert cli("serve", "--timeout", given)[0] == 0 and seen == {"t": passed}


def test_nothing_is_kept_from_one_invocation_to_the_next(cli, tmp_path):
    """Each invocation's dataset is its own (graph.cli.context), even in one process."""
    small = dataset_copy(tmp_path / "small")
    for f in small.glob("a00[2-4]*.ttl"):
        f.unlink()
    code, full, _ = cli("query", "-e", COUNT, "-f", "csv")
    code, part, _ = cli("--data", small, "query", "-e", COUNT, "-f", "csv")
    code, again, _ = cli("query", "-e", COUNT, "-f", "csv")
    assert code == 0 and full == again and 0 < int(part.split()[1]) < int(full.split()[1])


@pytest.mark.parametrize("fmt", ["csv", "table", "json"])
def test_a_query_without_parameters_imports_neither_rdflib_nor_networkx_nor_pyvis(fmt):
    """The fast path: rows straight from pyoxigraph's terms (checked in the supervised child too,
    whose imports -X importtime also reports)."""
    import subprocess
    import sys

    from ..helpers import ROOT

    run_carekg("query", "documents", "-f", "csv")  # the store exists
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "graph", "query", "documents", "-f", fmt],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in ("rdflib", "networkx", "pyvis", "pyshacl", "owlready2")}


@pytest.mark.parametrize("entity", ["Norman Lamb", "Confed", "kg:better-care-fund"])
def test_describe_imports_neither_rdflib_nor_networkx_nor_pyvis(entity):
    """``carekg describe`` resolves the name and runs facts-about on the store with pyoxigraph's
    terms only (a name, an alias and a CURIE; better-care-fund's facts include amounts)."""
    import subprocess
    import sys

    from ..helpers import ROOT

    run_carekg("describe", entity, "-f", "csv")  # the store exists
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "graph", "describe", entity, "-f", "table"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.count("\n") > 3
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in ("rdflib", "networkx", "pyvis", "pyshacl", "owlready2")}


def _described_through_rdflib(kg, entity: str, fmt: str) -> str:
    """What ``carekg describe`` printed before its fast path: the name resolved to an rdflib
    term, facts-about's rows converted to rdflib terms, each fact made from those."""
    from rdflib import Literal, URIRef

    from graph.cli.describing import FACT_COLUMNS
    from graph.exchange.results import format_rows
    from graph.kg.describe import Fact
    from graph.kg.names import label_of, resolve_entity
    from graph.rdf.namespaces import curie
    from graph.sparql.catalog import find_query
    from graph.text.money import money

    iri = resolve_entity(kg, entity)
    query = find_query("facts-about", kg.paths)
    result = kg.engine.query(query.text, {"entity": [iri]}, origin=query.path, project=("entity",))

    def text(r, name):
        return str(r[name]) if r.get(name) is not None else None

    facts = []
    for row in result.rows:
        r = dict(zip(result.vars, row))
        value = float(str(r["amountValue"])) if r.get("amountValue") is not None else None
        shown = (f"{money(value, str(r['amountCurrency']), text(r, 'amountApprox'))}: {r['amountMeasure']}"
                 if value is not None else label_of(kg, r["object"]))
        facts.append(Fact(
            subject=label_of(kg, r["subject"]), predicate=label_of(kg, r["predicate"]), object=shown,
            date=text(r, "date"), value=value, currency=text(r, "amountCurrency"), source=str(r["source"]),
            source_label=label_of(kg, r["source"]), evidence=str(r["evidence"]),
            claim=curie(r["claim"]) if isinstance(r["claim"], URIRef) else "",
            date_text=text(r, "dateText"), earliest=text(r, "earliest"), latest=text(r, "latest"),
            estimate=bool(r["estimate"].toPython()) if r.get("estimate") is not None else False,
            qualifiers=text(r, "qualifiers") or "",
            start=int(str(r["start"])) if r.get("start") is not None else None,
            end=int(str(r["end"])) if r.get("end") is not None else None))
    rows = [tuple(Literal(x) if x else None for x in
                  (f.subject, f.predicate, f.object, f.when, f.qualifiers, f.source_label, f.evidence,
                   f"{f.start}-{f.end}" if f.start is not None else None)) for f in facts]
    return format_rows(list(FACT_COLUMNS), rows, fmt)


@pytest.mark.parametrize("entity", ["Norman Lamb", "kings fund", "Confed", "The King's Fund", "better-care-fund",
                                    "kg:tenure-000-01", "<https://w3id.org/carekg/id/kings-fund>",
                                    "https://w3id.org/carekg/id/norman-lamb", "carekg:ThinkTank"])
def test_describe_prints_what_it_printed_through_rdflib(cli, kg, entity):
    """Names, aliases, slugs, IRIs, a claim and a class: byte for byte in every format."""
    for fmt in ("table", "csv", "tsv", "json", "md"):
        code, out, err = cli("describe", entity, "-f", fmt)
        assert code == 0 and out == _described_through_rdflib(kg, entity, fmt), (entity, fmt)


def test_describe_an_unknown_or_ambiguous_name_is_one_clear_error(cli):
    assert cli("describe", "Norman Lmb")[::2] == (
        2, "carekg: error: unknown entity 'Norman Lmb'; did you mean: Norman Lamb (Person, kg:norman-lamb)?\n")
    assert cli("describe", "nobody-at-all")[::2] == (2, "carekg: error: unknown entity 'nobody-at-all'\n")
    code, out, err = cli("describe", "Lamb")
    assert code == 2 and not out and err.startswith("carekg: error: entity 'Lamb' is ambiguous; it could be: "
                                                    "Norman Lamb (Person, kg:norman-lamb); ")
