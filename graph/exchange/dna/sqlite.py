"""Read and write Discourse Network Analyzer (DNA 3) files: SQLite databases of 16 tables.

Written from a description of the file format, not from DNA's code (whose licence forbids
copying).  The layer is plain: :class:`DnaFile` holds documents, statement types, statements and
entity attributes as Python values, and knows nothing of carekg's graph (see :mod:`graph.exchange.dna.exporter`).

What the format fixes, and this module honours:

* ``SETTINGS.version`` starts with ``"3."`` (DNA 3 opens nothing else; ``"2..."`` is DNA 2).
* ``DOCUMENTS.Date`` counts **seconds** since 1970-01-01 00:00 UTC (DNA 2 counted milliseconds).
* A statement is a span ``[Start, Stop)`` of its document's text, counted in UTF-16 code units
  (Java strings); here offsets are Python string indices, converted on the way in and out.
* Every short-text variable has an entity whose value is the empty string: a statement that
  points at it has *not coded* that variable.  Here that is ``None``, never ``""``.
* Coder passwords are Jasypt ``StrongPasswordEncryptor`` digests (:func:`password_hash`).

Examples
--------
>>> doc = Document(id=1, title="T", text="We back pooling.", date=datetime(2015, 6, 1))
>>> st = Statement(id=1, type="DNA Statement", document=1, start=3, stop=15,
...                values={"organization": "Us", "concept": "pooling", "agreement": True})
>>> data = DnaFile(types=default_types(), documents=[doc], statements=[st])
>>> import tempfile, os; path = os.path.join(tempfile.mkdtemp(), "x.dna")
>>> _ = write_dna(path, data)
>>> back = read_dna(path)
>>> back.version, back.statements[0].values["person"], back.span(back.statements[0])
('3.0.7', None, 'back pooling')
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import os
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from graph.errors import FileFormatError, ParseError
from graph.rdf.outputs import write_atomic
from graph.rdf.paths import open_regular
from graph.text.articles import MAX_SEED_BYTES

VERSION = "3.0.7"  # the oldest DNA 3 release; every later 3.x opens its files
TABLES = ("SETTINGS", "CODERS", "DOCUMENTS", "STATEMENTTYPES", "VARIABLES", "VARIABLELINKS",
          "REGEXES", "CODERRELATIONS", "STATEMENTS", "DATABOOLEAN", "DATAINTEGER", "ENTITIES",
          "DATASHORTTEXT", "DATALONGTEXT", "ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES")
DATA_TABLES = {"short text": "DATASHORTTEXT", "long text": "DATALONGTEXT",
               "integer": "DATAINTEGER", "boolean": "DATABOOLEAN"}
DEFAULTS = {"long text": "", "integer": 0, "boolean": 1}  # DNA's column defaults
MAX_TEXT = 190  # DNA's CHECK(LENGTH(x) < 191) on titles, names, entity and attribute values
MAX_VALUE = MAX_SEED_BYTES  # the longest value read: a document's text is capped as an article text is
SCHEMA = Path(__file__).with_name("dna3.sql")


@dataclass
class Variable:
    name: str
    datatype: str = "short text"
    id: int | None = None  # fixed IDs for DNA's default variables; others numbered after


@dataclass
class StatementType:
    label: str
    variables: list
    colour: tuple = (0, 0, 0)
    id: int | None = None


@dataclass
class Document:
    id: int
    title: str
    text: str
    date: datetime  # naive, UTC
    author: str = ""
    source: str = ""
    section: str = ""
    type: str = ""
    notes: str = ""
    coder: int = 1


@dataclass
class Statement:
    """A coded span; ``values`` maps variable names to str, int, bool, or None (not coded)."""

    id: int
    type: str
    document: int
    start: int
    stop: int
    values: dict
    coder: int = 1


@dataclass
class DnaFile:
    """The contents of a DNA file.  ``attributes[(type, variable)][value]`` maps attribute
    names (Type, Alias, Notes, ...) to strings for that entity."""

    types: list
    documents: list
    statements: list
    attributes: dict = field(default_factory=dict)
    coders: dict = field(default_factory=lambda: {1: "carekg"})
    version: str = VERSION

    def document(self, doc_id: int) -> Document:
        return next(d for d in self.documents if d.id == doc_id)

    def span(self, st: Statement) -> str:
        """The text a statement codes."""
        return self.document(st.document).text[st.start:st.stop]


def default_types() -> list[StatementType]:
    """DNA's three default statement types, with the variable IDs DNA gives them (1-11)."""
    names = [("DNA Statement", (239, 208, 51), [("person", "short text"), ("organization", "short text"),
                                                ("concept", "short text"), ("agreement", "boolean")]),
             ("NPF Story Element", (228, 130, 111), [(n, "short text") for n in (
                 "narrator", "victim", "villain", "plot", "hero", "policy solution")]),
             ("Annotation", (211, 211, 211), [("note", "long text")])]
    out, vid = [], 0
    for tid, (label, colour, variables) in enumerate(names, start=1):
        vs = []
        for name, datatype in variables:
            vid += 1
            vs.append(Variable(name, datatype, vid))
        out.append(StatementType(label, vs, colour, tid))
    return out


# --- passwords ---------------------------------------------------------------------------------

def password_hash(password: str, salt: bytes | None = None) -> str:
    """A Jasypt ``StrongPasswordEncryptor`` digest, as DNA stores a coder's password: SHA-256 of
    a 16-byte random salt followed by the UTF-8 password (NFC), re-hashed to 100,000 rounds in
    all, then Base64 of salt plus digest (64 characters).

    >>> h = password_hash("carekg", salt=bytes(16))
    >>> len(h), check_password("carekg", h), check_password("CareKG", h)
    (64, True, False)
    """
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.sha256(salt + unicodedata.normalize("NFC", password).encode("utf-8")).digest()
    for _ in range(99_999):
        digest = hashlib.sha256(digest).digest()
    return base64.b64encode(salt + digest).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    """Whether ``hashed`` (a Jasypt strong digest) is the digest of ``password``."""
    raw = base64.b64decode(hashed)
    return password_hash(password, raw[:16]) == hashed


# --- offsets: DNA counts UTF-16 code units, Python code points ----------------------------------

class Offsets:
    """Convert between string indices and UTF-16 offsets in one text.

    >>> o = Offsets("a\\U0001F642b")
    >>> o.to_units(2), o.to_index(3)
    (3, 2)
    """

    def __init__(self, text: str):
        self.units = None
        if any(ord(c) > 0xFFFF for c in text):
            self.units = [0]
            for c in text:
                self.units.append(self.units[-1] + (2 if ord(c) > 0xFFFF else 1))

    def to_units(self, index: int) -> int:
        return index if self.units is None else self.units[index]

    def to_index(self, units: int) -> int:
        return units if self.units is None else bisect.bisect_left(self.units, units)


# --- reading -----------------------------------------------------------------------------------

def read_dna(path) -> DnaFile:
    """Read a DNA 3 file (read-only).  Anything else raises :class:`FileFormatError` with one
    clear line: a missing file, a FIFO or device, a file that is not SQLite, a corrupt database,
    a DNA 2 database, a database of another program, a value of the wrong type, or one larger
    than an article text may be (:data:`MAX_VALUE`).

    A DNA file is not trusted: a table may compute its columns (a 170 kB file whose Text column
    makes gigabytes), so tables with generated columns and virtual tables are refused, and no
    value longer than :data:`MAX_VALUE` is ever made (SQLite's own length limit)."""
    path = Path(path)
    try:
        fd = open_regular(path)  # a FIFO is refused at once: it would hang the read
    except ParseError as exc:
        raise FileFormatError(path, exc.detail) from None
    with os.fdopen(fd, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise FileFormatError(path, "not a DNA file (not an SQLite database)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            con.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
            return _read(con, path)
        finally:
            con.close()
    except sqlite3.DataError as exc:  # a value over the length limit
        raise FileFormatError(path, f"a value is larger than {MAX_VALUE:,} bytes, the most an article text may be "
                              f"({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise FileFormatError(path, f"corrupt DNA database ({exc})") from None


def _kind(value) -> str:
    return ("NULL" if value is None else "a BLOB" if isinstance(value, bytes) else "text" if isinstance(value, str)
            else "a real number" if isinstance(value, float) else "an integer")


def _rows(con, path, table: str, columns: str, kinds: str, tail: str = "") -> list[tuple]:
    """The rows of ``SELECT columns FROM table tail``, each value checked against ``kinds``
    (one letter a column: ``i`` an integer, ``t`` text or NULL, read as ""), else one
    :class:`FileFormatError` naming the table, the column and the row."""
    names = [c.strip().split(".")[-1] for c in columns.split(",")]
    out = []
    for row in con.execute(f"SELECT {columns} FROM {table} {tail}"):
        checked = []
        for name, kind, value in zip(names, kinds, row):
            if kind == "t" and value is None:
                value = ""
            if (kind == "i" and (not isinstance(value, int) or isinstance(value, bool))) or (kind == "t" and not isinstance(value, str)):
                where = f"row {row[0]}" if isinstance(row[0], int) else "a row"
                raise FileFormatError(path, f"{table.split()[0]}.{name} of {where} is {_kind(value)}, not "
                                      f"{'an integer' if kind == 'i' else 'text'}: not a DNA file")
            checked.append(value)
        out.append(tuple(checked))
    return out


def _computed(con) -> list[str]:
    """The tables of DNA's 16 whose values SQLite would compute while reading: virtual tables,
    and generated columns (``PRAGMA table_xinfo``: hidden 2 or 3)."""
    found = [name for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
             if name in TABLES and "VIRTUAL" in (sql or "").upper().split("(")[0]]
    for table in TABLES:
        found += [f"{table}.{col}" for _, col, *_, hidden in con.execute(f"PRAGMA table_xinfo({table})") if hidden in (2, 3)]
    return found


def _read(con, path) -> DnaFile:
    tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    settings = dict(_rows(con, path, "SETTINGS", "Property, Value", "tt")) if "SETTINGS" in tables else {}
    version = str(settings.get("version", ""))
    if version.startswith("2") or {"STATEMENTLINKS", "CODERPERMISSIONS"} & tables:
        raise FileFormatError(path, f"a DNA 2 database (version {version or 'not given'}); carekg reads "
                              "DNA 3 files: import it into a new DNA 3 database with DNA 3's "
                              "'Import from DNA database', then import that file")
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise FileFormatError(path, "not a DNA 3 database (no table " + ", ".join(missing) + ")")
    if not version.startswith("3."):
        raise FileFormatError(path, f"SETTINGS.version is {version!r}, not a DNA 3 version (3.x)")
    computed = _computed(con)
    if computed:
        raise FileFormatError(path, "computes its values (" + ", ".join(computed) + "): DNA writes stored "
                              "values only; refusing to compute them")
    documents = []
    for did, title, text, coder, author, source, section, notes, dtype, seconds in _rows(
            con, path, "DOCUMENTS", "ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date",
            "itt?ttttt?", "ORDER BY ID"):
        try:
            date = datetime.fromtimestamp(int(seconds), UTC).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError, TypeError):
            raise FileFormatError(path, f"document {did}: Date {seconds!r} is not a time in seconds") from None
        documents.append(Document(did, title, text, date, author, source, section, dtype, notes, coder))
    types = {tid: StatementType(label, [], (r, g, b), tid) for tid, label, r, g, b in
             _rows(con, path, "STATEMENTTYPES", "ID, Label, Red, Green, Blue", "it???", "ORDER BY ID")}
    variables = {}
    for vid, name, datatype, tid in _rows(con, path, "VARIABLES", "ID, Variable, DataType, StatementTypeId", "itt?",
                                          "ORDER BY ID"):
        if tid in types:
            variables[vid] = (types[tid].label, Variable(name, datatype, vid))
            types[tid].variables.append(variables[vid][1])
    entities = {eid: (vid, value) for eid, vid, value in _rows(con, path, "ENTITIES", "ID, VariableId, Value", "i?t")}
    attributes: dict = {}
    for _, eid, name, value in _rows(con, path, "ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId",
                                     "v.ID, v.EntityId, a.AttributeVariable, v.AttributeValue", "??tt", "ORDER BY v.ID"):
        vid, entity = entities.get(eid, (None, ""))
        if vid in variables and entity.strip():
            key = (variables[vid][0], variables[vid][1].name)
            attributes.setdefault(key, {}).setdefault(entity.strip(), {})[name] = value
    values: dict = {}
    for datatype, table in DATA_TABLES.items():
        column = "Entity" if datatype == "short text" else "Value"
        kind = "t" if datatype == "long text" else "i"
        for _, sid, vid, value in _rows(con, path, table, f"ID, StatementId, VariableId, {column}", "??" + "?" + kind):
            if vid not in variables:
                continue
            if datatype == "short text":
                value = entities.get(value, (None, ""))[1].strip() or None
            elif datatype == "boolean":
                value = bool(value)
            values.setdefault(sid, {})[variables[vid][1].name] = value
    texts = {d.id: Offsets(d.text) for d in documents}
    statements = []
    for sid, tid, did, start, stop, coder in _rows(con, path, "STATEMENTS", "ID, StatementTypeId, DocumentId, Start, Stop, Coder",
                                                   "i?iii?", "ORDER BY ID"):
        if did not in texts or tid not in types:
            raise FileFormatError(path, f"statement {sid} points at a document or statement type that is not there")
        statements.append(Statement(sid, types[tid].label, did, texts[did].to_index(start),
                                    texts[did].to_index(stop), values.get(sid, {}), coder))
    coders = dict(_rows(con, path, "CODERS", "ID, Name", "?t", "ORDER BY ID"))
    return DnaFile(list(types.values()), documents, statements, attributes, coders, version)


# --- writing -----------------------------------------------------------------------------------

def write_dna(path, data: DnaFile, password: str = "carekg") -> Path:
    """Write ``data`` as a new DNA 3 file, atomically; every coder gets ``password``.

    Short-text values become entities (one empty-string entity per short-text variable first,
    as DNA creates them); each entity gets every attribute its variable has, ``""`` by default.
    """
    hashed = password_hash(password)

    def writer(tmp):
        con = sqlite3.connect(tmp)
        try:
            con.executescript(SCHEMA.read_text(encoding="utf-8"))
            _fill(con, data, hashed)
            con.commit()
        finally:
            con.close()

    return write_atomic(path, writer)


def _fill(con, data: DnaFile, hashed: str) -> None:
    stamp = datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat()
    con.executemany("INSERT INTO SETTINGS VALUES (?, ?)", [("version", data.version), ("date", stamp)])
    for cid, name in sorted(data.coders.items()):
        con.execute("INSERT INTO CODERS (ID, Name, Red, Green, Blue, Password) VALUES (?, ?, 255, 255, 0, ?)",
                    (cid, _cap(name), hashed))
    type_ids, var_ids = _number(data.types)
    for st in data.types:
        con.execute("INSERT INTO STATEMENTTYPES VALUES (?, ?, ?, ?, ?)", (type_ids[st.label], st.label, *st.colour))
    for (label, name), (vid, datatype) in sorted(var_ids.items(), key=lambda kv: kv[1][0]):
        con.execute("INSERT INTO VARIABLES VALUES (?, ?, ?, ?)", (vid, name, datatype, type_ids[label]))
    entity_ids = _write_entities(con, data, var_ids)
    for d in data.documents:
        con.execute("INSERT INTO DOCUMENTS (ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, _cap(d.title), d.text, d.coder, _cap(d.author), _cap(d.source), _cap(d.section),
                     d.notes, _cap(d.type), int(d.date.replace(tzinfo=UTC).timestamp())))
    offsets = {d.id: Offsets(d.text) for d in data.documents}
    for s in data.statements:
        o = offsets[s.document]
        con.execute("INSERT INTO STATEMENTS VALUES (?, ?, ?, ?, ?, ?)",
                    (s.id, type_ids[s.type], s.document, o.to_units(s.start), o.to_units(s.stop), s.coder))
        for (label, name), (vid, datatype) in var_ids.items():
            if label != s.type:
                continue
            value = s.values.get(name)
            # Every variable of the type gets a row, as DNA writes them: a blank short text points
            # at the empty entity, other blanks take DNA's defaults.
            if datatype == "short text":
                value = entity_ids[(vid, _cap(value or ""))]
            elif value is None:
                value = DEFAULTS[datatype]
            con.execute(f"INSERT INTO {DATA_TABLES[datatype]} (StatementId, VariableId, "
                        f"{'Entity' if datatype == 'short text' else 'Value'}) VALUES (?, ?, ?)",
                        (s.id, vid, int(value) if datatype in ("integer", "boolean") else value))


def _number(types) -> tuple[dict, dict]:
    """Statement type IDs by label, and (type, variable) -> (variable ID, data type): the IDs
    given (DNA's fixed ones for its defaults), then the next free numbers in order."""
    type_ids, var_ids = {}, {}
    next_type = 1 + max((st.id or 0 for st in types), default=0)
    next_var = 1 + max((v.id or 0 for st in types for v in st.variables), default=0)
    for st in types:
        type_ids[st.label] = st.id or next_type
        next_type += st.id is None
        for v in st.variables:
            var_ids[(st.label, v.name)] = (v.id or next_var, v.datatype)
            next_var += v.id is None
    return type_ids, var_ids


def _write_entities(con, data: DnaFile, var_ids: dict) -> dict:
    """Insert the entities and their attribute values; return (variable ID, value) -> entity ID."""
    values: dict = {key: {""} for key, (_, dt) in var_ids.items() if dt == "short text"}
    for s in data.statements:
        for name, value in s.values.items():
            if (s.type, name) in values:
                values[(s.type, name)].add(_cap(value or ""))
    for key, by_value in data.attributes.items():
        values.setdefault(key, {""}).update(_cap(v) for v in by_value)
    ordered = sorted(values, key=lambda k: var_ids[k][0])
    ids: dict = {}
    insert = "INSERT INTO ENTITIES (VariableId, Value, Red, Green, Blue) VALUES (?, ?, 0, 0, 0)"
    for key in ordered:  # the empty entities first, as DNA numbers them (IDs 1..n)
        ids[(var_ids[key][0], "")] = con.execute(insert, (var_ids[key][0], "")).lastrowid
    for key in ordered:
        for value in sorted(values[key] - {""}):
            ids[(var_ids[key][0], value)] = con.execute(insert, (var_ids[key][0], value)).lastrowid
    for key in ordered:
        names = ["Type", "Alias", "Notes"] if key[0] == "DNA Statement" and key[1] in (
            "person", "organization", "concept") else []
        for attrs in data.attributes.get(key, {}).values():
            names += [n for n in attrs if n not in names]
        given = {_cap(v): a for v, a in data.attributes.get(key, {}).items()}
        for name in names:
            aid = con.execute("INSERT INTO ATTRIBUTEVARIABLES (VariableId, AttributeVariable) VALUES (?, ?)",
                              (var_ids[key][0], name)).lastrowid
            con.executemany("INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) "
                            "VALUES (?, ?, ?)", [(ids[(var_ids[key][0], v)], aid, _cap(given.get(v, {}).get(name, "")))
                                                 for v in sorted(values[key])])
    return ids


def _cap(text: str) -> str:
    """DNA refuses names of 191 characters or more: cut longer ones, marking the cut."""
    text = text or ""
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


__all__ = ["DnaFile", "Document", "Statement", "StatementType", "Variable", "default_types",
           "read_dna", "write_dna", "password_hash", "check_password", "Offsets", "VERSION", "TABLES"]
