"""Exchange with the Discourse Network Analyzer: a DNA 3 file built here by hand (sqlite3, no
carekg code) is imported and its networks checked against DNA's formulas worked out by hand; the
curated graph is exported and imported back unchanged; bad files give one clear line."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime

import pytest
from rdflib.namespace import RDF

from graph.analysis.discourse import one_mode, two_mode
from graph.analysis.stances import stance_records
from graph.exchange.dna.sqlite import TABLES, check_password, read_dna
from graph.kg.load import load
from graph.rdf.namespaces import CAREKG
from graph.rdf.paths import Paths

from ..helpers import run_carekg

# The DNA 3 tables with DNA's exact column names (types only: DNA's constraints do not matter to
# a reader).  Written out here, independently of graph/exchange/dna/dna3.sql.
DNA3 = {
    "SETTINGS": "Property TEXT PRIMARY KEY, Value TEXT",
    "CODERS": "ID INTEGER PRIMARY KEY, Name TEXT, Red INTEGER, Green INTEGER, Blue INTEGER, Refresh INTEGER, "
              "FontSize INTEGER, Password TEXT, PopupWidth INTEGER, ColorByCoder INTEGER, PopupDecoration INTEGER, "
              "PopupAutoComplete INTEGER, PermissionAddDocuments INTEGER, PermissionEditDocuments INTEGER, "
              "PermissionDeleteDocuments INTEGER, PermissionImportDocuments INTEGER, PermissionAddStatements INTEGER, "
              "PermissionEditStatements INTEGER, PermissionDeleteStatements INTEGER, PermissionEditAttributes INTEGER, "
              "PermissionEditRegex INTEGER, PermissionEditStatementTypes INTEGER, PermissionEditCoders INTEGER, "
              "PermissionEditCoderRelations INTEGER, PermissionViewOthersDocuments INTEGER, "
              "PermissionEditOthersDocuments INTEGER, PermissionViewOthersStatements INTEGER, "
              "PermissionEditOthersStatements INTEGER",
    "DOCUMENTS": "ID INTEGER PRIMARY KEY, Title TEXT, Text TEXT, Coder INTEGER, Author TEXT, Source TEXT, "
                 "Section TEXT, Notes TEXT, Type TEXT, Date INTEGER",
    "STATEMENTTYPES": "ID INTEGER PRIMARY KEY, Label TEXT, Red INTEGER, Green INTEGER, Blue INTEGER",
    "VARIABLES": "ID INTEGER PRIMARY KEY, Variable TEXT, DataType TEXT, StatementTypeId INTEGER",
    "VARIABLELINKS": "ID INTEGER PRIMARY KEY, SourceVariableId INTEGER, TargetVariableId INTEGER",
    "REGEXES": "Label TEXT PRIMARY KEY, Red INTEGER, Green INTEGER, Blue INTEGER",
    "CODERRELATIONS": "ID INTEGER PRIMARY KEY, Coder INTEGER, OtherCoder INTEGER, viewStatements INTEGER, "
                      "editStatements INTEGER, viewDocuments INTEGER, editDocuments INTEGER",
    "STATEMENTS": "ID INTEGER PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER, "
                  "Stop INTEGER, Coder INTEGER",
    "DATABOOLEAN": "ID INTEGER PRIMARY KEY, StatementId INTEGER, VariableId INTEGER, Value INTEGER",
    "DATAINTEGER": "ID INTEGER PRIMARY KEY, StatementId INTEGER, VariableId INTEGER, Value INTEGER",
    "ENTITIES": "ID INTEGER PRIMARY KEY, VariableId INTEGER, Value TEXT, Red INTEGER, Green INTEGER, "
                "Blue INTEGER, ChildOf INTEGER",
    "DATASHORTTEXT": "ID INTEGER PRIMARY KEY, StatementId INTEGER, VariableId INTEGER, Entity INTEGER",
    "DATALONGTEXT": "ID INTEGER PRIMARY KEY, StatementId INTEGER, VariableId INTEGER, Value TEXT",
    "ATTRIBUTEVARIABLES": "ID INTEGER PRIMARY KEY, VariableId INTEGER, AttributeVariable TEXT",
    "ATTRIBUTEVALUES": "ID INTEGER PRIMARY KEY, EntityId INTEGER, AttributeVariableId INTEGER, AttributeValue TEXT",
}

D1 = ("The King's Fund backs pooled budgets, said Jane Smith. NHS England backs\npooled budgets too. "
      "Councils reject pooled budgets. The King's Fund backs a national mandate.")
D2 = ("\U0001F642 John Doe rejects a national mandate. NHS England rejects a national mandate. "
      "Again the King's Fund backs pooled budgets. Councils reject a national mandate. "
      "Someone backs pooled budgets. Councils said little.")
# (document, coded phrase, organization, person, concept, agreement); "" means not coded.
# Phrases are coded with the white space around them, as coders select text, except the last.
STATEMENTS = [
    (1, "The King's Fund backs pooled budgets", "King's Fund", "Jane Smith", "Pooled budgets", 1),
    (1, " NHS England backs\npooled budgets too. ", "NHS England", "", "Pooled budgets", 1),
    (1, "Councils reject pooled budgets", "Councils", "", "Pooled budgets", 0),
    (1, "The King's Fund backs a national mandate", "King's Fund", "", "National mandate", 1),
    (2, "John Doe rejects a national mandate", "", "John Doe", "National mandate", 0),
    (2, "NHS England rejects a national mandate", "NHS England", "", "National mandate", 0),
    (2, "the King's Fund backs pooled budgets", "King's Fund", "", "Pooled budgets", 1),
    (2, "Councils reject a national mandate", "Councils", "", "National mandate", 0),
    (2, "Someone backs pooled budgets", "", "", "Pooled budgets", 1),   # no actor: skipped
    (2, "Councils said little", "Councils", "", "", 1),                 # no concept: skipped
]

# DNA's networks for these statements, by hand.  Count per actor and concept (agree/disagree):
#   King's Fund (KF): Pooled budgets 2 agree (statements 1, 7), National mandate 1 agree (4)
#   NHS England (NE): Pooled budgets 1 agree (2), National mandate 1 disagree (6)
#   Councils    (C):  Pooled budgets 1 disagree (3), National mandate 1 disagree (8)
#   John Doe    (JD): National mandate 1 disagree (5) -- a person with no organisation is the actor
# Jane Smith is coded beside the King's Fund, which is therefore the actor of statement 1.
TWO_MODE_IGNORE = {  # count of statements per actor and concept
    ("King's Fund", "Pooled budgets"): 2, ("King's Fund", "National mandate"): 1,
    ("NHS England", "Pooled budgets"): 1, ("NHS England", "National mandate"): 1,
    ("Councils", "Pooled budgets"): 1, ("Councils", "National mandate"): 1,
    ("John Doe", "National mandate"): 1,
}
ONE_MODE_IGNORE = {  # sum over concepts of count(i1) * count(i2)
    ("King's Fund", "NHS England"): 2 * 1 + 1 * 1, ("King's Fund", "Councils"): 2 * 1 + 1 * 1,
    ("King's Fund", "John Doe"): 1 * 1, ("Councils", "NHS England"): 1 * 1 + 1 * 1,
    ("John Doe", "NHS England"): 1 * 1, ("Councils", "John Doe"): 1 * 1,
}
ONE_MODE_CONGRUENCE = {  # sum over concepts of agree*agree + disagree*disagree; zero ties absent
    ("King's Fund", "NHS England"): 2 * 1,      # both agree on pooled budgets
    ("Councils", "NHS England"): 1 * 1,         # both disagree on a national mandate
    ("John Doe", "NHS England"): 1 * 1, ("Councils", "John Doe"): 1 * 1,
}
ONE_MODE_CONFLICT = {  # agree*disagree + disagree*agree
    ("King's Fund", "NHS England"): 1, ("King's Fund", "Councils"): 2 + 1, ("King's Fund", "John Doe"): 1,
    ("Councils", "NHS England"): 1,
}


def units(text: str, index: int) -> int:
    """A Python index as DNA counts it: UTF-16 code units."""
    return len(text[:index].encode("utf-16-le")) // 2


def build_dna3(path, version="3.0.7"):
    """The hand-made DNA 3 file: DNA's default codebook plus an extra integer variable, two
    documents, the statements above, one NPF and one annotation statement, and attributes."""
    con = sqlite3.connect(path)
    for table, columns in DNA3.items():
        con.execute(f"CREATE TABLE {table} ({columns})")
    con.executemany("INSERT INTO SETTINGS VALUES (?, ?)", [("version", version), ("date", "2024-01-01T00:00")])
    con.execute("INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (1, 'Admin', 255, 255, 0, 'x')")
    con.executemany("INSERT INTO STATEMENTTYPES VALUES (?, ?, 0, 0, 0)",
                    [(1, "DNA Statement"), (2, "NPF Story Element"), (3, "Annotation")])
    variables = [("person", "short text", 1), ("organization", "short text", 1), ("concept", "short text", 1),
                 ("agreement", "boolean", 1), ("narrator", "short text", 2), ("victim", "short text", 2),
                 ("villain", "short text", 2), ("plot", "short text", 2), ("hero", "short text", 2),
                 ("policy solution", "short text", 2), ("note", "long text", 3), ("intensity", "integer", 1)]
    con.executemany("INSERT INTO VARIABLES VALUES (?, ?, ?, ?)", [(i, *v) for i, v in enumerate(variables, 1)])
    entities = {}  # (variable ID, value) -> entity ID; the empty entities get IDs 1-9, as in DNA

    def entity(vid, value):
        if (vid, value) not in entities:
            entities[(vid, value)] = con.execute("INSERT INTO ENTITIES (VariableId, Value) VALUES (?, ?)",
                                                 (vid, value)).lastrowid
        return entities[(vid, value)]

    for vid in (1, 2, 3, 5, 6, 7, 8, 9, 10):
        entity(vid, "")
    day = lambda y, m, d: int(datetime(y, m, d, tzinfo=UTC).timestamp())  # seconds, not ms
    con.executemany("INSERT INTO DOCUMENTS VALUES (?, ?, ?, 1, ?, ?, '', ?, '', ?)", [
        (1, "Pooling row", D1, "A. Reporter", "Care Weekly", "Print edition", day(2015, 6, 1)),
        (2, "Mandate row", D2, "", "", "", day(2016, 2, 29))])
    sid = 0
    for doc, phrase, org, person, concept, agreement in STATEMENTS:
        sid += 1
        text = {1: D1, 2: D2}[doc]
        start = text.index(phrase)
        con.execute("INSERT INTO STATEMENTS VALUES (?, 1, ?, ?, ?, 1)",
                    (sid, doc, units(text, start), units(text, start + len(phrase))))
        for vid, value in ((1, person), (2, org), (3, concept)):
            con.execute("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (?, ?, ?)",
                        (sid, vid, entity(vid, value)))
        con.execute("INSERT INTO DATABOOLEAN (StatementId, VariableId, Value) VALUES (?, 4, ?)", (sid, agreement))
        con.execute("INSERT INTO DATAINTEGER (StatementId, VariableId, Value) VALUES (?, 12, 3)", (sid,))
    con.execute("INSERT INTO STATEMENTS VALUES (11, 2, 2, 2, 10, 1)")  # an NPF story element
    con.execute("INSERT INTO DATASHORTTEXT (StatementId, VariableId, Entity) VALUES (11, 5, ?)", (entity(5, "Doe"),))
    con.execute("INSERT INTO STATEMENTS VALUES (12, 3, 1, 0, 3, 1)")  # an annotation
    con.execute("INSERT INTO DATALONGTEXT (StatementId, VariableId, Value) VALUES (12, 11, 'check this')")
    given = {(2, "King's Fund", "Type"): "Think tank", (2, "King's Fund", "Alias"): "KF; The Fund",
             (2, "NHS England", "Type"): "NHS national body", (2, "Councils", "Type"): "Local council",
             (3, "National mandate", "Type"): "national mandate to pool",
             (3, "National mandate", "Notes"): "Every area must pool.", (1, "Jane Smith", "party"): "None"}
    for vid, name in [(v, n) for v in (1, 2, 3) for n in ("Type", "Alias", "Notes")] + [(1, "party")]:
        aid = con.execute("INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                          (vid, name)).lastrowid
        for (evid, value), eid in entities.items():
            if evid == vid:  # DNA gives every entity a value for every attribute, "" by default
                con.execute("INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
                            "VALUES (?, ?, ?)", (eid, aid, given.get((vid, value, name), "")))
    con.commit()
    con.close()
    return path


def edge_weights(csv_text: str) -> dict:
    rows = csv.DictReader(io.StringIO(csv_text))
    return {tuple(sorted((r["source_label"], r["target_label"]), key=str)): float(r["weight"]) for r in rows}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dna")
    dna = build_dna3(tmp / "hand.dna")
    proc = run_carekg("import", "dna", dna, "-o", tmp / "hand")
    assert proc.returncode == 0, proc.stderr
    return tmp, proc.stdout


def test_import_reports_what_it_maps_and_what_it_leaves_out(imported):
    tmp, out = imported
    assert out.splitlines() == [
        f"wrote {tmp / 'hand'}",
        "2 documents -> source articles (text in sources/)",
        "8 statements of type 'DNA Statement' -> stances: 2 people, 3 organisations, 2 proposals",
        "1 person linked to an organisation (carekg:speaker of the stance, and a memberOf relationship)",
        "skipped: 1 statement of type 'DNA Statement' with no person or organisation coded",
        "skipped: 1 statement of type 'DNA Statement' with no concept coded",
        "skipped: 1 statement of type 'NPF Story Element' (carekg imports 'DNA Statement' only)",
        "skipped: 1 statement of type 'Annotation' (carekg imports 'DNA Statement' only)",
        "not imported: variable 'intensity' (integer) of 'DNA Statement', 10 coded values",
        "attribute 'Type' of organization: 1 value names no carekg class (kept as plain carekg:Organisation): "
        "'Local council'",
        "not imported: attribute 'party' of person, 1 value",
    ]


@pytest.mark.parametrize("mode, qualifier, expected", [
    ("two-mode", "ignore", TWO_MODE_IGNORE),
    ("one-mode", "ignore", ONE_MODE_IGNORE),
    ("one-mode", "congruence", ONE_MODE_CONGRUENCE),
    ("one-mode", "conflict", ONE_MODE_CONFLICT),
])
def test_imported_networks_follow_dna_formulas(imported, cli, mode, qualifier, expected):
    tmp, _ = imported
    code, out, err = cli("--data", tmp / "hand", "discourse", mode, "--qualifier", qualifier,
                         "--normalization", "no", "-f", "csv")
    assert code == 0, err
    want = {tuple(sorted(pair)): float(w) for pair, w in expected.items()}
    assert edge_weights(out) == want


def test_imported_dataset_passes_every_check(imported):
    tmp, _ = imported
    proc = run_carekg("--data", tmp / "hand", "validate")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "valid: terms, shacl, qc, evidence, ontology checks pass"


def test_imported_stances_keep_spans_dates_speakers_and_classes(imported):
    tmp, _ = imported
    kg = load(Paths.for_dataset(tmp / "hand"))
    rows = {str(r[0]): [str(x) if x is not None else None for x in r[1:]] for r in kg.graph.query("""
        SELECT ?stance ?evidence ?start ?end ?date ?speaker ?position WHERE {
          ?stance a carekg:Stance ; carekg:evidence ?evidence ; carekg:date ?date ; carekg:position ?position ;
                  oa:hasSelector [ oa:start ?start ; oa:end ?end ] .
          OPTIONAL { ?stance carekg:speaker ?speaker } }""")}
    kg_ns = "https://w3id.org/carekg/id/"
    # The span is trimmed of the white space the coder selected, and folded to one line.
    start = D1.index("NHS England backs")
    assert rows[kg_ns + "stance-dna-2"] == ["NHS England backs pooled budgets too.", str(start),
                                            str(start + len("NHS England backs\npooled budgets too.")),
                                            "2015-06-01", None, "https://w3id.org/carekg/ontology#Support"]
    # After an emoji (two UTF-16 units in DNA, one character here) offsets are string indices.
    start = D2.index("John Doe rejects")
    assert rows[kg_ns + "stance-dna-5"][:4] == ["John Doe rejects a national mandate", str(start),
                                                str(start + 35), "2016-02-29"]
    assert rows[kg_ns + "stance-dna-1"][4] == kg_ns + "jane-smith"
    types = {str(s)[len(kg_ns):]: str(o).rsplit("#", 1)[-1] for s, o in kg.data.subject_objects(RDF.type)
             if str(s).startswith(kg_ns) and not str(s).startswith(kg_ns + "stance-")}
    assert types == {
        "kings-fund": "ThinkTank", "nhs-england": "NHSNationalBody", "councils": "Organisation",
        "jane-smith": "Person", "john-doe": "Person", "proposal-pooled-budgets": "Proposal",
        "proposal-national-mandate": "Proposal", "dna-document-1": "SourceArticle",
        "dna-document-2": "SourceArticle", "rel-dna-1": "Relationship"}


def test_curated_graph_round_trips_through_a_dna_file(tmp_path, kg):
    proc = run_carekg("export", "dna", "-o", tmp_path / "curated.dna")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"wrote {tmp_path / 'curated.dna'}"
    proc = run_carekg("import", "dna", tmp_path / "curated.dna", "-o", tmp_path / "back")
    assert proc.returncode == 0, proc.stderr
    back = load(Paths.for_dataset(tmp_path / "back"))
    # The stances themselves, all but their own IRIs: actor, proposal, position (conditional
    # support included), date at its precision, implicit, source article, evidence.
    # (also the interval its text allows, whether recalled, scope and reading; sorted by repr,
    # since a recalled stance has no date)
    strip = lambda recs: sorted((tuple(sorted((k, v) for k, v in r.items() if k != "stance")) for r in recs), key=repr)
    before, after = stance_records(kg), stance_records(back)
    assert strip(after) == strip(before)
    assert sum(r["position"] == "conditional" for r in after) == 3
    for build, qualifiers in ((two_mode, ("ignore", "subtract", "combine")),
                              (one_mode, ("ignore", "congruence", "conflict", "subtract"))):
        for q in qualifiers:
            assert as_weighted(build(after, qualifier=q)) == as_weighted(build(before, qualifier=q)), q


def as_weighted(g):
    """A network as plain data: nodes with label and type, undirected edges with weights."""
    nodes = {n: (d.get("label"), d.get("type"), d.get("kind")) for n, d in g.nodes(data=True)}
    return nodes, {frozenset((u, v)): w for u, v, w in g.edges(data="weight")}


def test_exported_file_has_dna_tables_columns_and_spans(tmp_path, kg):
    from graph.exchange.dna.exporter import export_dna

    export_dna(kg, tmp_path / "c.dna")
    con = sqlite3.connect(tmp_path / "c.dna")
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == set(DNA3) == set(TABLES)
    for table, columns in DNA3.items():
        names = [row[1] for row in con.execute(f"PRAGMA table_info({table})")]
        assert names == [c.split()[0] for c in columns.split(", ")], table
    assert con.execute("SELECT Value FROM SETTINGS WHERE Property = 'version'").fetchone()[0].startswith("3.")
    coders = con.execute("SELECT Name, Password FROM CODERS").fetchall()
    assert len(coders) == 1 and check_password("carekg", coders[0][1])
    seeds = {p.name: p.read_text(encoding="utf-8") for p in Paths().seeds.glob("*.txt")}
    assert sorted(t for (t,) in con.execute("SELECT Text FROM DOCUMENTS")) == sorted(seeds.values())
    # Empty entities (IDs 1-9) stand for "not coded", as DNA writes them.
    assert con.execute("SELECT COUNT(*) FROM ENTITIES WHERE Value = '' AND ID <= 9").fetchone()[0] == 9
    data = read_dna(tmp_path / "c.dna")
    evidence = {str(e) for e in kg.data.objects(None, CAREKG.evidence)}
    assert len(data.statements) == len(stance_records(kg))
    for st in data.statements:
        span = data.span(st)
        assert span == span.strip() and " ".join(span.split()) in evidence
        assert (st.values["person"] is None) != (st.values["organization"] is None)


def test_dna_round_trip_keeps_every_coded_statement(imported, cli, tmp_path):
    tmp, _ = imported
    code, _, err = cli("--data", tmp / "hand", "export", "dna", "-o", tmp_path / "again.dna")
    assert code == 0, err

    def coded(data):
        return sorted((data.document(s.document).text, " ".join(data.span(s).split()), s.values["person"],
                       s.values["organization"], s.values["concept"], bool(s.values["agreement"]))
                      for s in data.statements if s.type == "DNA Statement" and s.values["concept"]
                      and (s.values["person"] or s.values["organization"]))

    assert coded(read_dna(tmp_path / "again.dna")) == coded(read_dna(tmp / "hand.dna"))


@pytest.mark.java
def test_exported_password_is_a_jasypt_digest():
    """DNA checks passwords with Jasypt's StrongPasswordEncryptor: a digest Jasypt itself makes
    for the documented password must pass our check (the same function, so ours pass DNA's)."""
    proc = subprocess.run(["java", "-cp", "/usr/share/java/jasypt.jar", "org.jasypt.intf.cli.JasyptStringDigestCLI",
                           "input=carekg", "algorithm=SHA-256", "iterations=100000", "saltSizeBytes=16"],
                          capture_output=True, text=True, timeout=120)
    digest = proc.stdout.split("----OUTPUT----------------------")[1].split()[0]
    assert check_password("carekg", digest) and not check_password("carekg2", digest)


def build_dna2(path):
    """A DNA 2 file as DNA 2.0 wrote it: millisecond dates, STATEMENTLINKS, key-value coder
    permissions, data tables carrying StatementTypeId and short text stored as strings."""
    con = sqlite3.connect(path)
    for ddl in ("SETTINGS (Property TEXT PRIMARY KEY, Value TEXT)",
                "CODERS (ID INTEGER PRIMARY KEY, Name TEXT, Red INTEGER, Green INTEGER, Blue INTEGER, Password TEXT)",
                "CODERPERMISSIONS (ID INTEGER PRIMARY KEY, Coder INTEGER, Type TEXT, Permission INTEGER)",
                "DOCUMENTS (ID INTEGER PRIMARY KEY, Title TEXT, Text TEXT, Coder INTEGER, Author TEXT, "
                "Source TEXT, Section TEXT, Notes TEXT, Type TEXT, Date INTEGER)",
                "STATEMENTS (ID INTEGER PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER, Start INTEGER, "
                "Stop INTEGER, Coder INTEGER)",
                "STATEMENTLINKS (ID INTEGER PRIMARY KEY, SourceId INTEGER, TargetId INTEGER)",
                "DATASHORTTEXT (ID INTEGER PRIMARY KEY, StatementId INTEGER, VariableId INTEGER, "
                "StatementTypeId INTEGER, Value TEXT)"):
        con.execute(f"CREATE TABLE {ddl}")
    con.execute("INSERT INTO SETTINGS VALUES ('version', '2.0 beta 25')")
    con.execute("INSERT INTO DOCUMENTS VALUES (1, 'T', 'Text.', 1, '', '', '', '', '', 1433116800000)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("person,organization,concept\n", encoding="utf-8"),
     "not a DNA file (not an SQLite database)"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(200)), "corrupt DNA database (file is not a database)"),
    (build_dna2, "a DNA 2 database (version 2.0 beta 25); carekg reads DNA 3 files: import it into a new "
                 "DNA 3 database with DNA 3's 'Import from DNA database', then import that file"),
    (lambda p: build_dna3(p, version="4.0"), "SETTINGS.version is '4.0', not a DNA 3 version (3.x)"),
])
def test_bad_files_give_one_clear_line(tmp_path, make, message):
    path = tmp_path / "in.dna"
    make(path)
    proc = run_carekg("import", "dna", path, "-o", tmp_path / "out")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"carekg: error: {path}: {message}\n"
    assert not (tmp_path / "out").exists()


def test_truncated_file_is_reported_as_corrupt(tmp_path):
    whole = build_dna3(tmp_path / "whole.dna")
    (tmp_path / "cut.dna").write_bytes(whole.read_bytes()[:3000])
    proc = run_carekg("import", "dna", tmp_path / "cut.dna", "-o", tmp_path / "out")
    assert proc.returncode == 2 and proc.stderr.startswith(f"carekg: error: {tmp_path / 'cut.dna'}: corrupt DNA database")
    assert len(proc.stderr.splitlines()) == 1


def test_import_never_writes_into_a_folder_that_holds_files(imported, tmp_path):
    tmp, _ = imported
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "keep.ttl").write_text("# mine\n", encoding="utf-8")
    proc = run_carekg("import", "dna", tmp / "hand.dna", "-o", tmp_path / "ds")
    assert proc.returncode == 2
    assert proc.stderr == f"carekg: error: {tmp_path / 'ds'} exists and is not an empty folder: import into a new folder\n"
    assert [p.name for p in (tmp_path / "ds").iterdir()] == ["keep.ttl"]


def test_export_dna_needs_an_output_file():
    proc = run_carekg("export", "dna")
    assert (proc.returncode, proc.stderr) == (2, "carekg: error: export dna writes a binary file: give it with -o FILE.dna\n")


def test_evidence_limit_is_the_datasets_own(project_copy):
    """The curated data declares 15 words (data/sources.ttl); an imported dataset declares none."""
    from graph.checks.validate import check_evidence

    long = "kg:stance-001-01"
    path = project_copy.data / "a001-lamb-confed.ttl"
    text = path.read_text(encoding="utf-8")
    phrase = "backed the idea of single pooled budget for health and care in every local area"
    longer = "has " + phrase
    path.write_text(text.replace(f'"{phrase}"', f'"{longer}"'), encoding="utf-8")
    problems = [p for p in check_evidence(load(project_copy)) if p.focus == long]
    assert [p.message for p in problems] == ["evidence has 16 words; this dataset allows at most 15"]
    sources = project_copy.data / "sources.ttl"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        'carekg:maxEvidenceWords "15"^^xsd:positiveInteger', 'carekg:maxEvidenceWords "16"^^xsd:positiveInteger'),
        encoding="utf-8")
    assert [p for p in check_evidence(load(project_copy)) if p.focus == long] == []


def test_export_of_a_dataset_without_its_texts_is_one_clear_error(imported, cli, tmp_path):
    tmp, _ = imported
    shutil.copytree(tmp / "hand", tmp_path / "ds", ignore=shutil.ignore_patterns("sources"))
    (tmp_path / "ds" / "sources").mkdir()
    code, out, err = cli("--data", tmp_path / "ds", "export", "dna", "-o", tmp_path / "x.dna")
    assert code == 2 and out == "" and not (tmp_path / "x.dna").exists()
    missing = tmp_path / "ds" / "sources" / f"001_{sha16(D1)}.txt"
    assert err == f"carekg: error: cannot read the text of https://w3id.org/carekg/id/dna-document-1: {missing}: article text not found\n"


def sha16(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
