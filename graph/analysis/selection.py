"""Which actors an analysis looks at, and the words that say so.

One selection serves the discourse networks, the coalitions, the notebooks and the map, as
three stance filters (:data:`SELECTION`, accepted wherever :func:`graph.analysis.stances.filter_stances`
is):

- ``actor_types``: class names, as local names or labels in any case ("GovernmentBody",
  "government body").  An actor passes when one of its classes *or a class above them* is
  named, so "Organisation" takes think tanks, councils and government departments too.
- ``min_stances``: keep only actors with at least this many stances after every other filter
  (dates, implicit, duplicates), so a one-sentence actor cannot anchor a coalition.
- ``named_only``: leave out unnamed actors.  Which actors are unnamed is data, not code: the
  ontology's ``carekg:UnnamedActor`` (every ``carekg:CollectiveActor`` such as "Many delegates"
  or "Government bodies", and a person the article names only by a post, such as "The
  chancellor (unnamed)").  Records carry it as ``actor_unnamed`` and the classes as
  ``actor_classes`` (see :func:`graph.analysis.stances.stance_records`).

Every output states the filters it used, in the words of :func:`describe_filters`.

Examples
--------
>>> recs = [dict(actor="ex:lamb", actor_classes=("Person", "Actor"), position="support", proposal="ex:p"),
...         dict(actor="ex:many", actor_classes=("CollectiveActor", "UnnamedActor", "Actor"),
...              actor_unnamed=True, position="oppose", proposal="ex:p")]
>>> [r["actor"] for r in select_actors(recs, named_only=True)]
['ex:lamb']
>>> [r["actor"] for r in select_actors(recs, actor_types=["collective actor"])]
['ex:many']
>>> describe_filters({"named_only": True, "min_stances": 2, "start": "2015"})
'actors: named only, at least 2 stances each; stances: from 2015'
"""

from __future__ import annotations

import re
from collections import Counter

from graph.errors import ParameterError, UnknownNameError
from graph.text.fuzzy import suggest

SELECTION = ("actor_types", "min_stances", "named_only")
# The words for the stance filters that change how stances count (graph.analysis.stances); the
# defaults ("keep", "level") need none.
CONSENSUS_WORDS = {"exclude": "consensus proposals left out",
                   "unopposed": "proposals nobody opposes left out"}
AGREEMENT_WORDS = {"subtract": "agreement by subtraction", "distance": "agreement by score distance (DNA's integer rule)"}


def _key(name) -> str:
    """A class name as compared: lower case, letters and digits only ("Think tank" = "ThinkTank")."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def _get(record, name, default=None):
    return record.get(name, default) if isinstance(record, dict) else getattr(record, name, default)


def _classes(record) -> set[str]:
    found = {_key(c) for c in _get(record, "actor_classes") or ()}
    return found | ({_key(_get(record, "actor_type"))} if _get(record, "actor_type") else set())


def check_selection(records, actor_types=(), min_stances=1, named_only=False) -> tuple[set[str], int, bool]:
    """Validate a selection against the records: the wanted class keys, the minimum, the flag.

    >>> check_selection([dict(actor_type="Person")], actor_types=["persn"])
    Traceback (most recent call last):
    graph.errors.UnknownNameError: unknown actor type 'persn'; did you mean: Person?
    """
    types = [actor_types] if isinstance(actor_types, str) else list(actor_types or ())
    known = sorted({c for r in records for c in (_get(r, "actor_classes") or ())}
                   | {str(_get(r, "actor_type")) for r in records if _get(r, "actor_type")})
    keys = {_key(k): k for k in known}
    for t in types:
        if _key(t) not in keys:
            raise UnknownNameError("actor type", str(t), suggest(str(t), known) or known)
    if isinstance(min_stances, bool) or not isinstance(min_stances, int) or min_stances < 1:
        raise ParameterError(f"min_stances={min_stances!r} is not allowed; give a whole number of at least 1")
    return {_key(t) for t in types}, min_stances, bool(named_only)


def select_actors(records, actor_types=(), min_stances=1, named_only=False) -> list:
    """The records whose actor passes the selection, in their order (see the module docstring).

    ``min_stances`` counts the records given, so pass records that are already filtered.

    >>> recs = [dict(actor=a, actor_type="Person") for a in ("ex:a", "ex:a", "ex:b")]
    >>> [r["actor"] for r in select_actors(recs, min_stances=2)]
    ['ex:a', 'ex:a']
    """
    records = list(records)
    types, least, named = check_selection(records, actor_types, min_stances, named_only)
    kept = [r for r in records if (not types or _classes(r) & types) and not (named and _get(r, "actor_unnamed"))]
    if least > 1:
        counts = Counter(_get(r, "actor") for r in kept)
        kept = [r for r in kept if counts[_get(r, "actor")] >= least]
    return kept


def describe_filters(filters: dict | None = None, label=None) -> str:
    """The actor selection and stance filters in words, for every output to state.

    ``label`` turns an excluded IRI into its name (default: the IRI).

    >>> describe_filters({})
    'actors: all; stances: all'
    >>> describe_filters({"actor_types": ["Person", "ThinkTank"], "include_implicit": False,
    ...                   "exclude_actors": ["ex:x"], "end": "2015-06", "conditional": "exclude"})
    'actors: Person or ThinkTank, leaving out ex:x; stances: up to 2015-06, explicit only, no conditional support'
    """
    f = dict(filters or {})
    name = label or str
    actors = []
    types = f.get("actor_types") or ()
    if types:
        actors.append(" or ".join([types] if isinstance(types, str) else [str(t) for t in types]))
    if f.get("named_only"):
        actors.append("named only")
    if (f.get("min_stances") or 1) > 1:
        actors.append(f"at least {f['min_stances']} stances each")
    excluded = f.get("exclude_actors") or ()
    if excluded:
        actors.append("leaving out " + ", ".join(name(a) for a in sorted([excluded] if isinstance(excluded, str) else excluded)))
    stances = []
    start, end = f.get("start"), f.get("end")
    if start or end:
        stances.append(f"{start} to {end}" if start and end else f"from {start}" if start else f"up to {end}")
        if f.get("dates") == "within":
            stances[-1] += " (dated wholly within)"
    if f.get("include_implicit") is False:
        stances.append("explicit only")
    if f.get("duplicates") not in (None, "include"):
        stances.append({"document": "repeats counted once per article", "year": "repeats counted once per year",
                        "acrossrange": "repeats counted once"}.get(f["duplicates"], f"duplicates={f['duplicates']}"))
    if f.get("conditional") == "exclude":
        stances.append("no conditional support")
    elif f.get("conditional") == "support":
        stances.append("conditional support counted as support")
    dropped = f.get("exclude_proposals") or ()
    if dropped:
        stances.append("leaving out " + ", ".join(name(p) for p in sorted([dropped] if isinstance(dropped, str) else dropped)))
    sources = f.get("exclude_sources") or ()
    if sources:
        stances.append("leaving out the stances of " + ", ".join(name(p) for p in sorted([sources] if isinstance(sources, str) else sources)))
    if f.get("consensus") in CONSENSUS_WORDS:
        stances.append(CONSENSUS_WORDS[f["consensus"]])
    if f.get("agreement") in AGREEMENT_WORDS:
        stances.append(AGREEMENT_WORDS[f["agreement"]])
    return f"actors: {', '.join(actors) or 'all'}; stances: {', '.join(stances) or 'all'}"


__all__ = ["SELECTION", "check_selection", "select_actors", "describe_filters"]
