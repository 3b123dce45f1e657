"""Coding sheets: the curated articles round-trip, errors point at lines, apply is exact."""

from __future__ import annotations

import re
import shutil

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, RDFS, XSD

from graph.coding.check import check_sheet, export_article, sheet_turtle
from graph.coding.export import graph_to_sheet
from graph.coding.mapping import SheetNames, sheet_to_graph
from graph.coding.model import SheetModel
from graph.coding.yamlio import dump_yaml, parse_sheet
from graph.rdf.namespaces import CAREKG, KG
from graph.rdf.parse import parse_turtle
from graph.rdf.paths import Paths

from ..helpers import ROOT, run_carekg

ARTICLE_FILES = sorted(p.name for p in (ROOT / "data").glob("a0*.ttl"))


def _same(a: Graph, b: Graph) -> str:
    """'' when isomorphic, else the first differences (for a readable failure)."""
    if isomorphic(a, b):
        return ""
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only in first: {sorted(only_a)[:3]}; only in second: {sorted(only_b)[:3]}"


@pytest.mark.parametrize("name", ARTICLE_FILES)
def test_curated_article_round_trips_through_its_sheet(name, tmp_path):
    """Turtle -> sheet (code export) -> Turtle (code apply's writer) -> the same graph, and the
    full check (shapes and QC included) finds nothing wrong with the exported sheet."""
    article = f"article-{name[1:4]}"
    text = export_article(article)
    sheet = tmp_path / f"{article}.yaml"
    sheet.write_text(text, encoding="utf-8")
    report = check_sheet(sheet)
    assert report.messages() == []
    assert report.target == Paths().data / name
    turtle = sheet_turtle(report, SheetModel.load(), sheet.name)
    assert _same(parse_turtle("written.ttl", text=turtle), parse_turtle(ROOT / "data" / name)) == ""
    # Every evidence phrase was found, with its offsets.
    assert len(report.offsets) == len(report.converted.evidence) > 40
    if name.startswith("a001"):  # the readings (rule 7) written above a subject are kept as notes
        assert "# Ambiguity: \"it\" in \"it had to happen\" is read as the sharing of data between" in turtle


def test_full_check_of_a_curated_sheet_passes_and_apply_writes_the_same_graph(tmp_path, cli):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(Paths().seeds, data / "sources")  # a --data dataset keeps its texts in sources/
    sheet = tmp_path / "a004.yaml"
    code, out, err = cli("--data", data, "code", "export", "article-004", "-o", sheet)
    assert (code, out, err) == (0, "", f"wrote {sheet}\n")
    curated = parse_turtle(ROOT / "data" / "a004-hsj-round-up.ttl")
    phrases = len(set(curated.subjects(CAREKG.evidence)))
    code, out, err = cli("--data", data, "code", "check", sheet)
    assert (code, out, err) == (0, f"{sheet}: ok ({phrases} evidence phrases found)\n", "")
    (data / "a004-hsj-round-up.ttl").write_text("# to be replaced\n", encoding="utf-8")
    code, out, err = cli("--data", data, "code", "apply", sheet)
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {data / 'a004-hsj-round-up.ttl'} ({len(curated)} triples)")
    assert _same(parse_turtle(data / "a004-hsj-round-up.ttl"), parse_turtle(ROOT / "data" / "a004-hsj-round-up.ttl")) == ""


def test_written_turtle_is_sorted_not_in_sheet_order(tmp_path):
    text = export_article("article-004")
    head, rest = text.split("stances:\n", 1)
    stances, tail = rest.split("tenures:\n", 1)
    rows = stances.rstrip("\n").split("\n  - ")
    shuffled = head + "stances:\n" + "\n  - ".join([rows[0]] + rows[1:][::-1]) + "\ntenures:\n" + tail
    assert shuffled != text
    out = []
    for i, body in enumerate((text, shuffled)):
        sheet = tmp_path / f"s{i}.yaml"
        sheet.write_text(body, encoding="utf-8")
        out.append(sheet_turtle(check_sheet(sheet, shapes=False), SheetModel.load(), "s.yaml"))
    assert out[0] == out[1]
    ids = re.findall(r"^kg:(stance-004-\d+) a carekg:Stance", out[0], flags=re.M)
    assert len(ids) > 2 and ids == sorted(ids)


BROKEN = """\
article: article-001
entities:
  - id: jane-roe
    class: Persn
    label: Jane Roe
    mentions: [Dr Steve Kell, NHS Bassetlaw CCG chair]
stances:
  - actor: Steve Kel
    proposal: proposal-national-mandate
    position: Oposition
    date: 2014-06-31
    implicit: no
    evidence: said a top-down diktat on this was very wrong
  - actor: steve-kell
    proposal: proposal-local-choice
    position: Support
    evidenc: each area should make its own decisions
relationships:
  - subject: steve-kell
    relation: particpatedIn
    object: lamb-kell-panel-2014
    evidence: who was on a panel with Lamb after the speech
"""


# The positions the ontology declares (members of carekg:Position), as the message lists them.
POSITIONS = ", ".join(sorted(str(p).split("#")[-1] for p in parse_turtle(ROOT / "ontology" / "carekg.ttl")
                             .subjects(RDF.type, CAREKG.Position)))


def test_check_reports_every_problem_at_its_line_without_traceback(tmp_path):
    sheet = tmp_path / "broken.yaml"
    sheet.write_text(BROKEN, encoding="utf-8")
    r = run_carekg("code", "check", sheet)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    # The schema is checked first: a row without evidence stops the rest.
    assert r.stdout.splitlines() == [f"{sheet}:14: stances.1: evidence is required"]
    sheet.write_text(BROKEN.replace("evidenc:", "evidence:"), encoding="utf-8")
    r = run_carekg("code", "check", sheet)
    assert (r.returncode, r.stderr) == (1, "7 problem(s)\n")
    assert r.stdout.splitlines() == [
        f"{sheet}:4: unknown class 'Persn'; did you mean: Person?",
        f"{sheet}:8: entity 'Steve Kel' is ambiguous; it could be: Steve Kell (Person, kg:steve-kell); Panel with "
        "Norman Lamb and Steve Kell after Lamb's keynote speech (Event, kg:lamb-kell-panel-2014); give the IRI "
        "(kg:slug) of the one you mean",
        f"{sheet}:10: unknown position 'Oposition'; expected one of: {POSITIONS}",
        f"{sheet}:11: date: '2014-06-31' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY",
        f"{sheet}:12: implicit: 'no' is not true or false",
        f"{sheet}:13: evidence not found in the text of kg:article-001: 'said a top-down diktat on this was very "
        "wrong'; nearest passage: 'said a top-down diktat on this was wrong and'",
        f"{sheet}:20: unknown relation 'particpatedIn'; did you mean: participatedIn?",
    ]


def test_yaml_syntax_error_names_the_line(tmp_path, cli):
    sheet = tmp_path / "bad.yaml"
    sheet.write_text("article: article-001\nstances:\n  - actor: [unclosed\n    position: Support\n", encoding="utf-8")
    code, out, err = cli("code", "check", sheet)
    assert (code, err) == (2, f"carekg: error: {sheet}:4: YAML syntax error: expected ',' or ']', but got ':'\n")
    sheet.write_text("article: article-001\narticle: article-002\n", encoding="utf-8")
    code, out, err = cli("code", "check", sheet)
    assert (code, out.splitlines()) == (1, [f"{sheet}:2: duplicate key 'article'"])


def test_apply_writes_nothing_when_check_fails(tmp_path, cli):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(Paths().seeds, data / "sources")
    before = (data / "a001-lamb-confed.ttl").read_bytes()
    sheet = tmp_path / "s.yaml"
    sheet.write_text(BROKEN.replace("evidenc:", "evidence:") + "file: a001-lamb-confed.ttl\n", encoding="utf-8")
    code, out, err = cli("--data", data, "code", "apply", sheet)
    assert (code, err) == (1, "carekg: error: 10 problem(s) in the sheet; nothing written\n")
    # Without the article's own file, the things it declares are unknown: every problem is listed.
    assert out.splitlines()[0] == f"{sheet}:4: unknown class 'Persn'; did you mean: Person?"
    assert len(out.splitlines()) == 10
    assert (data / "a001-lamb-confed.ttl").read_bytes() == before
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".")) == []


def test_properties_the_sheet_mapping_never_heard_of_round_trip(project_copy):
    """New ontology properties (a dated interval, a scope as a blank node) and odd literals need
    no change to the code or the mapping: they come from the ontology, or are written explicitly."""
    onto = project_copy.ontology.read_text(encoding="utf-8") + """
carekg:earliest a owl:DatatypeProperty ; rdfs:range xsd:date ; rdfs:label "earliest" ;
    skos:definition "First day the text allows." .
carekg:scope a owl:ObjectProperty ; rdfs:label "scope" ; skos:definition "What the stance is limited to." .
"""
    project_copy.ontology.write_text(onto, encoding="utf-8")
    model = SheetModel.load(project_copy)
    g = parse_turtle(project_copy.data / "a000-kings-fund-roundup.ttl")
    stance = KG["stance-000-01"]
    scope = BNode()
    g.add((stance, CAREKG.earliest, Literal("2015-01-01", datatype=XSD.date)))
    g.add((stance, CAREKG.scope, scope))
    g.add((scope, RDF.type, CAREKG.HealthAndWellbeingBoard))
    g.add((scope, RDFS.label, Literal("in their current form", lang="en")))
    g.add((stance, RDFS.comment, Literal("42", datatype=XSD.integer)))
    sheet = graph_to_sheet(g, model, KG["article-000"], "a000.ttl")
    text = dump_yaml(sheet)
    assert "    earliest: 2015-01-01\n" in text
    assert ('    scope:\n      class: HealthAndWellbeingBoard\n'
            '      label: {"@value": in their current form, "@language": en}\n') in text
    assert '    comment: {"@value": 42, "@type": xsd:integer}\n' in text
    dataset = Graph()
    for f in project_copy.data_files():
        dataset += parse_turtle(f)
    back = sheet_to_graph(parse_sheet(text, "s.yaml"), model, SheetNames.of(dataset, project_copy), KG["article-000"])
    assert back.problems == []
    assert _same(back.graph, g) == ""


def test_the_worked_example_in_the_coding_guide_checks(tmp_path):
    text = (ROOT / "docs" / "coding.md").read_text(encoding="utf-8")
    example = text.split("### A worked example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    sheet = tmp_path / "example.yaml"
    # Without `file:` it is checked beside article 001's own file rather than in its place.
    sheet.write_text(example.replace("file: a001-lamb-confed.ttl\n", ""), encoding="utf-8")
    report = check_sheet(sheet)
    assert report.messages() == []
    assert len(report.offsets) == 8  # four mentions and four claims


def test_shape_problems_on_a_mention_point_at_its_line(tmp_path, cli):
    sheet = tmp_path / "m.yaml"
    head = ("article: article-001\nentities:\n  - id: proposal-national-mandate\n    mentions:\n"
            "      - evidence: a legal obligation to pool resources in this way\n        about: steve-kell\n")
    # The sheet's own checks first (here: a quote shorter than the dataset's three words) ...
    sheet.write_text(head + "      - to pool\n", encoding="utf-8")
    code, out, err = cli("code", "check", sheet)
    assert (code, out, err) == (1, f"{sheet}:7: evidence has 2 words; this dataset needs at least 3\n", "1 problem(s)\n")
    # ... then the shapes, reported at the line of the blank node (a mention) they concern.
    sheet.write_text(head, encoding="utf-8")
    code, out, err = cli("code", "check", sheet)
    assert (code, out, err) == (1, f"{sheet}:5: shacl (carekg:about): A mention needs exactly one carekg:about IRI.\n",
                                "1 problem(s)\n")


@pytest.fixture(scope="module")
def dataset_names():
    dataset = Graph()
    for f in Paths().data_files():
        dataset += parse_turtle(f)
    return SheetNames.of(dataset)


@pytest.mark.parametrize("name", ["Kings Fund", "King’s Fund", "The King's Fund", "the government", "Confed", "Norman Lmb",
                                  "Steve Kel", "Lamb", "Nobody at all"])
def test_a_sheet_resolves_a_name_as_the_command_line_does(kg, dataset_names, name):
    """One resolver: a name in a sheet means what it means to ``carekg describe`` (an alias
    included), and a name that does not resolve gets the same error and the same candidates."""
    from graph.errors import CareKGError
    from graph.kg.names import resolve_entity

    sheet = parse_sheet(f"article: article-001\nstances:\n  - {{actor: {name}, proposal: proposal-pool-budgets, "
                        "position: Support, evidence: pool it}\n", "s.yaml")
    out = sheet_to_graph(sheet, SheetModel.load(), dataset_names, KG["article-001"])
    try:
        expected = (str(resolve_entity(kg, name)), [])
    except CareKGError as exc:
        expected = (None, [(3, str(exc))])
    actor = out.graph.value(KG["stance-001-01"], CAREKG.actor)
    assert (str(actor) if actor is not None else None, out.problems) == expected


def test_a_sheet_names_things_as_articles_write_them(dataset_names):
    """A leading "the" does not count: "The King's Fund" is the curated "King's Fund"."""
    assert dataset_names.resolve("The King's Fund") == KG["kings-fund"]
    assert dataset_names.resolve("the King’s Fund") == KG["kings-fund"]
    assert dataset_names.resolve("Better Care Fund") == KG["better-care-fund"]      # not "The Better Care Fund"
    assert dataset_names.resolve("The Better Care Fund") == KG["proposal-better-care-fund"]


def test_a_mistyped_slug_gets_the_resolvers_candidates(dataset_names):
    assert dataset_names.near("kings-fnd") == ["King's Fund (Think tank, kg:kings-fund)"]
    assert dataset_names.near("lamb-kell-panel-201")[0] == ("Panel with Norman Lamb and Steve Kell after Lamb's keynote "
                                                          "speech (Event, kg:lamb-kell-panel-2014)")


def test_a_sheet_refers_to_its_own_entities_by_label_or_alias():
    sheet = parse_sheet("article: article-009\nentities:\n"
                        "  - {id: jane-roe, class: Person, label: Jane Roe, altLabel: JR}\n"
                        "  - {class: ThinkTank, label: The Borsetshire Fund}\n"
                        "stances:\n  - {actor: JR, proposal: proposal-pool-budgets, position: Support, evidence: pool it}\n"
                        "  - {actor: the borsetshire fund, proposal: proposal-pool-budgets, position: Support, evidence: pool it}\n"
                        "  - {actor: Jane Rae, proposal: proposal-pool-budgets, position: Support, evidence: pool it}\n", "s.yaml")
    out = sheet_to_graph(sheet, SheetModel.load(), SheetNames([], [KG["proposal-pool-budgets"]]), KG["article-009"])
    assert [out.graph.value(KG[f"stance-009-0{n}"], CAREKG.actor) for n in (1, 2, 3)] == \
        [KG["jane-roe"], KG["borsetshire-fund"], None]
    assert out.problems == [(8, "unknown entity 'Jane Rae'; did you mean: Jane Roe (Person, kg:jane-roe)?")]


DATED = """\
article: article-001
date: 2014-06-05
dateText: 05.06.14
dateIsEstimate: true
stances:
  - {actor: steve-kell, proposal: proposal-local-choice, position: Support, implicit: false,
     evidence: each area should make its own decisions}
  - {actor: steve-kell, proposal: proposal-local-choice, position: Support, implicit: false, date: 2014,
     evidence: each area should make its own decisions}
  - {actor: steve-kell, proposal: proposal-local-choice, position: Support, implicit: false, latest: 2014-06-05,
     evidence: each area should make its own decisions}
  - {actor: steve-kell, proposal: proposal-local-choice, position: Support, implicit: false, dateIsEstimate: false,
     evidence: each area should make its own decisions}
figures:
  - {value: "14.0", unitText: count, figureOf: integration-pioneers, measure: sites, date: null,
     evidence: The 14 Integration Pioneer sites}
"""


def test_the_header_gives_the_date_once_to_the_rows_that_give_none(dataset_names):
    out = sheet_to_graph(parse_sheet(DATED, "s.yaml"), SheetModel.load(), dataset_names, KG["article-001"])
    assert out.problems == []

    def dates(node):
        return {p.split("#")[-1]: str(o) for p, o in out.graph.predicate_objects(KG[node])
                if p in (CAREKG.date, CAREKG.dateText, CAREKG.dateIsEstimate, CAREKG.latest)}

    header = {"date": "2014-06-05", "dateText": "05.06.14", "dateIsEstimate": "true"}
    assert dates("stance-001-01") == header
    assert dates("stance-001-02") == {"date": "2014"}                  # its own date: nothing inherited
    assert dates("stance-001-03") == {"latest": "2014-06-05"}          # recalled: no date is made up
    assert dates("stance-001-04") == header | {"dateIsEstimate": "false"}  # its own flag kept
    assert dates("figure-001-01") == {}                                # date: null keeps a row undated
    assert out.graph.value(KG["stance-001-01"], CAREKG.date).datatype == XSD.date


def test_a_header_date_that_is_wrong_is_one_problem_at_its_line(dataset_names):
    model = SheetModel.load()
    bad = DATED.replace("date: 2014-06-05", "date: 2014-06-31")
    out = sheet_to_graph(parse_sheet(bad, "s.yaml"), model, dataset_names, KG["article-001"])
    assert out.problems == [(2, "date: '2014-06-31' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")]
    assert out.graph.value(KG["stance-001-01"], CAREKG.date) is None
    undated = DATED.replace("date: 2014-06-05\n", "")
    out = sheet_to_graph(parse_sheet(undated, "s.yaml"), model, dataset_names, KG["article-001"])
    assert out.problems == [(2, "the header gives no date: add date, or move dateText, dateIsEstimate to the rows")]


def test_the_names_check_runs_on_every_sheet_against_the_whole_graph(tmp_path):
    """A sheet with no literal true in it is held to the dataset's rule that aliases come from the
    articles (it was skipped before), and an alias attested in another article passes."""
    good = ("article: article-001\nentities:\n  - id: department-of-health\n"
            "    mentions: [the Department of Health]\n")
    sheet = tmp_path / "names.yaml"
    sheet.write_text(good, encoding="utf-8")   # "DH" is attested in article 000 only
    assert "true" not in good and check_sheet(sheet).messages() == []
    sheet.write_text(good.replace("    mentions:", "    altLabel: Health Department\n    mentions:"), encoding="utf-8")
    assert check_sheet(sheet).messages() == [
        f"{sheet}:3: qc:names-attested: 'Health Department' is in no mention's evidence for this thing"]
