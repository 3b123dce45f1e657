"""The SPARQL tokenizer: parameters bound by VALUES at the right place, SERVICE found only
where it is a keyword, and bound values that can never break out of their place."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from graph.errors import ParameterError, QueryError
from graph.sparql.engine import OxigraphEngine
from graph.sparql.syntax import bind_values, tokens, update_keyword, uses_service, where_brace

EX = "http://example.org/"


@pytest.mark.parametrize("text", [
    'SELECT * { ?s ?p "SERVICE" }',
    "SELECT * { ?s ?p 'service' }",
    'SELECT * { ?s ?p """a "quoted" SERVICE { here } """ }',
    "SELECT * { ?s ?p '''SERVICE''' }",
    'SELECT * { ?s ?p "escaped \\" SERVICE" }',
    "SELECT * { ?s ?p ?o } # SERVICE <http://example.org/> { }",
    "SELECT * { ?s <http://example.org/SERVICE> ?o }",
    "PREFIX service: <http://example.org/> SELECT * { ?s service:SERVICE ?service }",
    "SELECT ?service { ?service ?p ?o }",
])
def test_service_inside_strings_comments_iris_and_names_is_not_a_service_clause(text):
    assert not uses_service(text)


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o # a comment }\n SERVICE ?endpoint { ?s ?p ?o } }",
    'SELECT * { ?s ?p "}" . SeRvIcE <http://example.org/> { ?s ?p ?o } }',
])
def test_service_clauses_are_found(text):
    assert uses_service(text)


@pytest.mark.parametrize("text, where", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "{ ?x ?p ?o }"),
    ("PREFIX ex: <http://example.org/{x}> SELECT * { ?x ?p ?o }", "{ ?x ?p ?o }"),
    ("SELECT (EXISTS { ?x ?p ?o } AS ?e) ?x WHERE { ?x a ?t }", "{ ?x a ?t }"),
    ("CONSTRUCT { ?x a ?t } WHERE { ?x a ?t }", "{ ?x a ?t }"),
    ("DESCRIBE ?x FROM <http://example.org/g> WHERE { ?x ?p ?o }", "{ ?x ?p ?o }"),
    ("ASK { ?x ?p '{' }", "{ ?x ?p '{' }"),
    ("# SELECT { comment }\nSELECT * { { SELECT ?x { ?x ?p ?o } } }", "{ { SELECT ?x { ?x ?p ?o } } }"),
])
def test_the_outermost_where_group_is_found(text, where):
    assert text[where_brace(text):] == where


def test_construct_where_short_form_cannot_take_parameters():
    with pytest.raises(ParameterError, match="CONSTRUCT WHERE"):
        bind_values("CONSTRUCT WHERE { ?x ?p ?o }", {"x": URIRef(EX + "a")})


def test_tokens_skip_comments_and_keep_strings_whole():
    kinds = [(t.kind, t.text) for t in tokens('SELECT ?x { ?x ?p "a # b" } # tail')]
    assert kinds == [("word", "SELECT"), ("var", "?x"), ("punct", "{"), ("var", "?x"), ("var", "?p"),
                     ("string", '"a # b"'), ("punct", "}")]


def test_update_requests_are_recognised():
    assert update_keyword("DELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert update_keyword("PREFIX x: <http://e/> BASE <http://b/> LOAD <http://e/data>") == "LOAD"
    assert update_keyword("SELECT * { ?s ?p ?o }") is None


@pytest.fixture(scope="module")
def engine():
    e = OxigraphEngine.memory({"ex": EX})
    e.load_text('@prefix ex: <http://example.org/> .\n'
                'ex:a ex:says "x\\" } ; DROP ALL ; #" ; ex:n 2 .\n'
                'ex:b ex:says "line\\none" ; ex:n 3 .\n', "<test>")
    return e


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "line\none"])
def test_hostile_literals_are_matched_as_values(engine, value):
    rows = engine.query("SELECT ?s WHERE { ?s ex:says ?v }", {"v": Literal(value)}).rows
    assert len(rows) == 1


def test_several_parameters_and_several_values(engine):
    rows = engine.query("SELECT ?s WHERE { ?s ex:n ?n }", {"n": [Literal(2), Literal(3)]}, project=("n",)).rows
    assert sorted((str(s), int(n)) for n, s in rows) == [(EX + "a", 2), (EX + "b", 3)]
    assert engine.query("ASK { ?s ex:n ?n }", {"s": URIRef(EX + "a"), "n": Literal(3)}).boolean is False


def test_terms_that_could_break_out_are_refused(engine):
    with pytest.raises(ParameterError, match="not a valid IRI"):
        engine.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef(EX + "a> } ; ?x")})
    with pytest.raises(ParameterError, match="blank node"):
        engine.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": BNode()})
    with pytest.raises(ParameterError, match="bad parameter name"):
        engine.query("SELECT ?o WHERE { ?s ?p ?o }", {"s } ?x": URIRef(EX + "a")})


def test_rules_run_as_inserts_and_as_written():
    """A rule runs inside the store as INSERT … WHERE; the short form (no INSERT twin) as written;
    anything but a CONSTRUCT is refused, naming the rule."""
    e = OxigraphEngine.memory({"ex": EX})
    e.load_text("@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n", "<test>")
    assert e.add_construct("CONSTRUCT { ?o ex:q ?s } WHERE { ?s ex:p ?o }", origin="r.rq") == 1
    assert e.add_construct("CONSTRUCT WHERE { ?s ex:q ?o }", origin="r.rq") == 0
    assert e.query("ASK { ex:b ex:q ex:a }").boolean is True
    with pytest.raises(QueryError, match="^r.rq: a rule must be a CONSTRUCT query$"):
        e.add_construct("SELECT * { ?s ?p ?o }", origin="r.rq")
