"""The backbone of the debate: which proposals carry the actor network (DNA's ``dna_backbone``).

The proposals (DNA's concepts) split into a **backbone**, the smallest set whose stances alone
rebuild the actor network nearly as it is, and the **redundant** rest.  The network is DNA's
default for the backbone: the one-mode ``subtract`` network with ``average`` normalisation
(:func:`graph.analysis.discourse.one_mode`), negative ties set to 0, over the actors with a kept
stance.  Rebuilt from a set B of proposals, each tie is

    W_B(i, i') = max(0, sum_{j in B} S_j(i, i') / ((a_B(i) + a_B(i')) / 2))

with S_j the congruence minus conflict on proposal j and a_B(i) actor i's stances on B (so the
rebuilt network is exactly ``one_mode`` on B's stances).  The **loss** of B is the spectral
distance of W_B from the full network W:

    loss(B) = sum_k |lambda_k(W) - lambda_k(W_B)|

over the eigenvalues of the Laplacian L = D - W, sorted and scaled to sum to 1 (all 0 for a
network without ties), so the loss lies in [0, 2]: 0 when B rebuilds the network's spectrum
exactly, 1 when B leaves no tie.  Four ways to use it:

- :func:`nested` (deterministic): from all proposals, remove the one whose removal raises the
  loss least (ties broken by IRI), and again, down to none: a full ordering, with the backbone
  loss and the redundant loss (of the proposals removed so far) at every size;
- :func:`anneal` ``size=k`` (DNA's ``fixed``): simulated annealing over sets of k proposals,
  swapping one in and one out;
- :func:`anneal` ``penalty=p`` (DNA's ``penalty``): annealing with add, remove and swap moves,
  minimising loss(B) + p |B| / |C|, so a larger p gives a smaller backbone.  (DNA's notes
  describe the penalty as loss x exp(-p |R| / |C|); since the full set has loss 0, that product
  is always minimised by keeping every concept, so here the penalty is added instead.)
- :func:`evaluate`: the loss of a given set, and of its complement.

Annealing is seeded: the temperature falls from 1 to 0 along a logistic curve over the
iterations, and a worse set is accepted with probability exp(-increase) x temperature.  Unlike
DNA, every proposal in a result lists the stances (IRIs) and articles it rests on.

Examples
--------
>>> recs = [dict(actor=a, proposal=p, position=pos, stance=f"ex:{a[3:]}-{p[3:]}") for a, pos in
...         [("ex:a1", "support"), ("ex:a2", "support"), ("ex:b1", "oppose"), ("ex:b2", "oppose")]
...         for p in ("ex:split", "ex:split2")] + [dict(actor=a, proposal="ex:all", position="support")
...                                                  for a in ("ex:a1", "ex:b1")]
>>> [row["proposal"] for row in nested(recs)["proposals"]]   # "all" ties nobody: a1-b1 is negative
['ex:split2', 'ex:split', 'ex:all']
"""

from __future__ import annotations

import math
import random

import numpy as np

from graph.analysis.stances import as_records, filter_stances, qualifier_scale
from graph.errors import ParameterError, UnknownNameError
from graph.rdf.progress import stage
from graph.text.fuzzy import suggest

ITERATIONS = 10_000
PENALTY = 0.5


class Pieces:
    """Each proposal's share of the network: S_j and the actors' stance counts a_j, and what it rests on."""

    def __init__(self, records, **filters):
        kept = filter_stances(as_records(records), **filters)
        scale = qualifier_scale(filters.get("conditional", "half"))
        self.actors = sorted({r.actor for r in kept})
        self.proposals = sorted({r.proposal for r in kept})
        self.labels = {r.proposal: r.proposal_label or r.proposal for r in kept}
        self.rests_on = {p: [r for r in kept if r.proposal == p] for p in self.proposals}
        at = {a: i for i, a in enumerate(self.actors)}
        n, m = len(self.actors), len(self.proposals)
        self.S, self.A = np.zeros((m, n, n)), np.zeros((m, n))
        for j, p in enumerate(self.proposals):
            by_actor: dict = {}
            for r in self.rests_on[p]:
                by_actor.setdefault(at[r.actor], []).append(scale[r.position])
                self.A[j, at[r.actor]] += 1
            for i1, q1 in by_actor.items():
                for i2, q2 in by_actor.items():
                    if i1 != i2:
                        self.S[j, i1, i2] = sum(1 - 2 * abs(x - y) for x in q1 for y in q2)
        self.full = spectrum(self.network(range(m)))

    def network(self, chosen) -> np.ndarray:
        """W_B of the proposals with these indices (module docstring)."""
        idx = list(chosen)
        n = len(self.actors)
        if not idx:
            return np.zeros((n, n))
        s, a = self.S[idx].sum(axis=0), self.A[idx].sum(axis=0)
        den = (a[:, None] + a[None, :]) / 2
        w = np.divide(s, den, out=np.zeros_like(s), where=den > 0)
        return np.clip(w, 0, None)

    def ties(self) -> int:
        """The full network's positive ties."""
        return int(np.count_nonzero(np.triu(self.network(range(len(self.proposals))))))

    def loss(self, chosen) -> float:
        return float(np.abs(self.full - spectrum(self.network(chosen))).sum())

    def row(self, j: int, **extra) -> dict:
        """One proposal with what it rests on."""
        p = self.proposals[j]
        recs = self.rests_on[p]
        return {"proposal": p, "label": self.labels[p], **extra, "statements": len(recs),
                "actors": len({r.actor for r in recs}), "stances": sorted(r.stance for r in recs if r.stance),
                "articles": sorted({r.source for r in recs if r.source})}


def spectrum(w: np.ndarray) -> np.ndarray:
    """The Laplacian eigenvalues of a weighted network, sorted and scaled to sum to 1 (all 0
    without ties); negative weights count as 0.

    >>> spectrum(np.array([[0, 1.0], [1.0, 0]])).tolist()
    [0.0, 1.0]
    """
    a = np.clip(np.asarray(w, dtype=float), 0, None)
    np.fill_diagonal(a, 0)
    values = np.clip(np.linalg.eigvalsh(np.diag(a.sum(axis=1)) - a), 0, None) if len(a) else np.zeros(0)
    total = values.sum()
    return np.sort(values / total) if total > 1e-12 else np.zeros(len(a))


def _result(pieces: Pieces, method: str, chosen, **extra) -> dict:
    chosen = sorted(chosen, key=lambda j: pieces.proposals[j])
    rest = [j for j in range(len(pieces.proposals)) if j not in chosen]
    return {"method": method, "backbone": [pieces.row(j) for j in chosen], "redundant": [pieces.row(j) for j in rest],
            "backbone_loss": pieces.loss(chosen), "redundant_loss": pieces.loss(rest), "actors": len(pieces.actors),
            "ties": pieces.ties(), **extra}


def _remove_least(pieces: Pieces, left: set, gone: list, removed: list) -> None:
    """One step of :func:`nested`: remove the proposal whose removal raises the loss least."""
    loss, _, j = min((pieces.loss(left - {j}), pieces.proposals[j], j) for j in left)
    left.discard(j)
    gone.append(j)
    removed.append(pieces.row(j, backbone_loss=loss, redundant_loss=pieces.loss(gone), size=len(left)))


def nested(records, **filters) -> dict:
    """The full ordering of the proposals, most important first (module docstring).

    Returns ``proposals``: one row per proposal, most important (removed last) first, with
    ``rank`` (1 = most important), ``backbone_loss`` (the loss of the set left once it and every
    proposal below it are removed) and ``redundant_loss`` (the loss of the removed ones alone),
    plus what it rests on (``statements``, ``actors``, ``stances``, ``articles``); and
    ``actors`` and ``ties`` of the full network.
    """
    pieces = Pieces(records, **filters)
    left: set[int] = set(range(len(pieces.proposals)))
    gone: list[int] = []
    removed: list[dict] = []
    with stage("nested backbone: proposals removed", total=len(left)) as shown:
        while left:
            _remove_least(pieces, left, gone, removed)
            shown.advance()
    rows = list(reversed(removed))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return {"method": "nested", "proposals": rows, "actors": len(pieces.actors), "ties": pieces.ties()}


def _temperature(t: int, iterations: int) -> float:
    """A logistic fall from about 1 to about 0 over the iterations."""
    return 1 / (1 + math.exp(10 * (t / max(1, iterations) - 0.5)))


def anneal(records, size: int | None = None, penalty: float | None = None, iterations: int = ITERATIONS,
           seed: int = 0, **filters) -> dict:
    """The backbone by simulated annealing: of ``size`` proposals (``fixed``), or of the size the
    ``penalty`` chooses (module docstring).  Returns the backbone and redundant proposals with
    what they rest on, their losses, and ``trace``: one row per hundred iterations (iteration,
    temperature, the current set's size and objective, the best objective so far, the share of
    moves accepted since the last row).
    """
    if (size is None) == (penalty is None):
        raise ParameterError("give either a backbone size (fixed) or a penalty, not both")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ParameterError(f"iterations={iterations!r} is not allowed; give a whole number of at least 1")
    pieces = Pieces(records, **filters)
    m = len(pieces.proposals)
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or not 0 < size <= m):
        raise ParameterError(f"backbone size={size!r} is not allowed; give a whole number from 1 to {m} (the proposals)")
    if penalty is not None and not penalty >= 0:
        raise ParameterError(f"penalty={penalty!r} is not allowed; give a number of 0 or more")
    rng = random.Random(seed)
    objective = (lambda s: pieces.loss(s)) if penalty is None else (lambda s: pieces.loss(s) + penalty * len(s) / m)
    current = set(rng.sample(range(m), size if size is not None else rng.randint(1, m)))
    score = objective(current)
    trace: list[dict] = []
    best, best_score, accepted = set(current), score, 0
    with stage("simulated annealing: iterations", total=iterations) as counter:
        for t in range(1, iterations + 1):
            if t % 100 == 0:
                counter.advance(100)
            temp = _temperature(t, iterations)
            inside, outside = sorted(current), sorted(set(range(m)) - current)
            moves = (["swap"] if inside and outside else []) + ([] if size is not None else
                                                               (["add"] if outside else []) + (["remove"] if len(inside) > 1 else []))
            if not moves:
                break
            move = rng.choice(moves)
            new = set(current)
            if move in ("swap", "remove"):
                new.discard(rng.choice(inside))
            if move in ("swap", "add"):
                new.add(rng.choice(outside))
            new_score = objective(new)
            if new_score <= score or rng.random() < math.exp(-(new_score - score)) * temp:
                current, score, accepted = new, new_score, accepted + 1
                if (score, len(current)) < (best_score, len(best)):
                    best, best_score = set(current), score
            if t % 100 == 0 or t == iterations:
                trace.append({"iteration": t, "temperature": temp, "size": len(current), "objective": score,
                              "best": best_score, "accepted": accepted / (t - (trace[-1]["iteration"] if trace else 0))})
                accepted = 0
    return _result(pieces, "fixed" if size is not None else "penalty", best, objective=best_score, seed=seed,
                   iterations=iterations, penalty=penalty, trace=trace)


def evaluate(records, proposals, **filters) -> dict:
    """The loss of a given set of proposals (IRIs) as a backbone, and of the rest (DNA's
    ``dna_evaluateBackboneSolution``).

    >>> recs = [dict(actor=a, proposal="ex:p", position="support") for a in ("ex:a", "ex:b")]
    >>> r = evaluate(recs, ["ex:p"])
    >>> r["backbone_loss"], r["redundant_loss"]
    (0.0, 1.0)
    """
    pieces = Pieces(records, **filters)
    wanted = [proposals] if isinstance(proposals, str) else list(proposals)
    for p in wanted:
        if p not in pieces.proposals:
            raise UnknownNameError("proposal with a kept stance", p, suggest(p, pieces.proposals))
    return _result(pieces, "evaluate", [pieces.proposals.index(p) for p in wanted])


__all__ = ["ITERATIONS", "PENALTY", "Pieces", "spectrum", "nested", "anneal", "evaluate"]
