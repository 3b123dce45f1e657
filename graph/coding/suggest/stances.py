"""Candidate stances: who takes which position on which proposal, sentence by sentence.

Precision before recall: a wrong actor or a wrong position costs a coder more than a missing
row, so a stance is drafted only when all three are read from the words.

- **The proposal** is a known one the sentence names (:mod:`graph.coding.suggest.concepts`), or
  "the idea", "the proposal" standing for the one the sentence before named, or, after a cue
  of asking ("called for", "urged", "proposed"), the words that follow, as a new one.
- **The position** comes from a cue that governs the proposal's words: one before them
  ("backed", "against", "should"), or an evaluation after them ("would be a mistake", "is
  key"), or a negation directly before them ("will not force", "no plans to").  A negation just
  before a cue turns it ("not against" is support; "don't believe … would work" opposition);
  words that call a proposal "top-down", "by the back door" or "wrong" are opposition.  Support
  with a condition in its clause ("only where", "provided that") is conditional, unless the
  proposal is the condition itself ("where both sides wish": local choice).
- **The actor** is whoever speaks the cue (:mod:`graph.coding.suggest.speakers`: a quote's or a
  report's speaker, a comment piece's narrator), else the owner of a cue noun ("the think
  tank's call for"), else the subject of the clause (a pronoun or description resolved to the
  actor it stands for).  Authors and headings are never actors; with no actor, no stance.

Examples
--------
>>> CUE.search("she is really supportive of aligning").group(0)
'supportive of'
>>> polarity("I’m not against integration", CUE.search("I’m not against integration"))
'Support'
"""

from __future__ import annotations

import re

from graph.coding.suggest.concepts import kind_mentions, phrase_mentions, proposal_of_kind
from graph.coding.suggest.dataset_names import KnownIndex
from graph.coding.suggest.layout import kind_at
from graph.coding.suggest.speakers import Mention, Voices, relative, subject

SUPPORT = [r"call(?:s|ed|ing)? for", r"back(?:s|ed|ing)?", r"endorse[sd]?", r"(?<!to )support(?:s|ed|ing)?", r"supportive of",
           r"champion(?:s|ed)?", r"welcome[sd]?", r"urge[sd]?", r"recommend(?:s|ed)?", r"propos(?:e|es|ed)",
           r"advocat(?:e|es|ed)", r"in favour of", r"want(?:s|ed)?(?: to see)?", r"would like(?: to see)?",
           r"argu(?:e|es|ed|ing) for", r"(?:make|makes|making|made) the case for", r"the case for", r"praise[sd]?",
           r"keen on", r"sympathetic to", r"believ(?:e|es|ed) in", r"pro-\w+", r"promise[sd]?",
           r"would rather(?: see)?", r"wish(?:es)?", r"(?:would|will) (?:create|introduce)",
           r"buy (?:the idea|the argument|it)", r"ask(?:s|ed)? (?:\w+ ){0,2}for", r"ready to", r"argument for"]
MODALS = [r"should", r"must", r"needs? to", r"ha(?:ve|s|d) to", r"ought to"]  # govern only the words right after
OPPOSE = [r"reject(?:s|ed)?", r"oppos(?:e|es|ed|ing)", r"opposition to", r"against",
          r"sceptical (?:about|of)", r"critical of", r"scathing about", r"concerns? (?:about|over)",
          r"worr(?:y|ies|ied) (?:about|that)", r"fear(?:s|ed)?", r"resist(?:s|ed|ance to)?", r"not convinced",
          r"no plans?", r"keen to avoid", r"disappointed", r"cautioned", r"warn(?:s|ed)? (?:against|that)",
          r"abolish(?:ed)?", r"object(?:s|ed)?(?: to)?"]
EVALUATIONS = [(r"wrong", "Opposition"), (r"(?:a |another )?mistake", "Opposition"), (r"(?:a )?disaster", "Opposition"),
               (r"(?:a )?hindrance", "Opposition"), (r"(?:a )?barrier", "Opposition"), (r"top-down", "Opposition"),
               (r"by the back door|from the top down", "Opposition"), (r"(?:has|have|had) failed|is failing", "Opposition"),
               (r"diktat|edict", "Opposition"), (r"(?:a )?talking shops?", "Opposition"),
               (r"not (?:fit|ready)", "Opposition"), (r"(?:\w+ )?keen to avoid", "Opposition"),
               (r"(?:may|might|could) be appropriate", "Support"),
               (r"(?:is|are|was|would be) (?:key|essential|crucial|vital)", "Support"), (r"(?:is|are|was|would be|’s|'s|’re|'re) right", "Support"),
               (r"(?:strongest |keenest |biggest )?champion", "Support"),
               (r"beats the alternative", "Support")]
CONDITIONS = re.compile(r"(?<!\w)(?:may be appropriate|only (?:if|where|when)|provided (?:that)?|as long as|where both"
                        r"|in (?:some|those) areas|in areas where|on condition)(?!\w)", re.I)
ASKING = re.compile(r"(?<![\w’'])(?:call(?:s|ed|ing)? for|propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?|advocat(?:e|es|ed|ing)"
                    r"|in favour of|warn(?:s|ed|ing)? against|reject(?:s|ed|ing)?|oppos(?:e|es|ed|ing))"
                    r"(?=\s+(?:a|an|the|any|another|more|greater|new|further|extra|£|\d))", re.I)
NOUN_CUES = re.compile(r"^(?:call|calls|view|proposal|plan|argument|backing|idea|support|opposition|case|demand)\b", re.I)
NEGATOR = re.compile(r"(?<![\w’'])(?:not|n’t|n't|never|no|nor|hardly|don’t|don't|doesn’t|doesn't|won’t|won't)(?![\w’'])", re.I)
ANAPHORA = re.compile(r"(?<!\w)(?:the|this|that) (?:idea|proposal|plan|fund|scheme)(?:[’']s)?(?![\w’'])", re.I)
VIEW = re.compile(r"(?:’s|'s) (?:view|argument|claim|belief|position) that\s", re.I)
FLIP = {"Support": "Opposition", "Opposition": "Support"}
AWAY = re.compile(r"(?<![\w’'])(?:shift|move|moving|retreat|turn|step) away from(?![\w’'])", re.I)
AFTER_MODAL = re.compile(r"\s+(?:should|must|needs? to|ha(?:ve|s) to)\s+(?:only\s+|also\s+|still\s+)?be\s+\w+ed\b", re.I)
SUBJECTLESS = re.compile(r"\s*(?:would|will|should|could|has|have|had|also|then)\b", re.I)
PASSIVE = re.compile(r"(?<![\w’'])(?:been|being|be|is|are|was|were)\s+\w+ed$", re.I)
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "i", "we", "i’m", "i'm", "we’re", "we're"}
LOCAL = re.compile(r"(?:\s+\w+){0,4}?\s+(?:in|for|across)\s+(?:the\s+)?(?:[A-Z]\w+|region|county|borough|city|area)\b")
BOUNDARY = re.compile(r";|:|(?<!\w)(?:but|while|whereas)(?!\w)|—|–|, and\b|(?<=\w) and (?=(?:would|will|should|could|is|are|was"
                      r"|were|has|have|had|said|says|that)\b)", re.I)


def _cue(pattern: str) -> str:
    return r"(?<![\w’'])(?:" + pattern + r")(?![\w’'])"


CUE = re.compile("|".join(f"(?P<{p}{i}>{_cue(x)})" for p, xs in (("S", SUPPORT), ("O", OPPOSE)) for i, x in enumerate(xs)),
                 re.I)
MODAL = re.compile("|".join(f"(?P<S{i}>{_cue(x)})" for i, x in enumerate(MODALS)), re.I)
ASKING_NOUNS = re.compile(r"(?<!\w)(?:calls? for|the case for|the idea of|proposals? (?:for|to)|plans? (?:for|to))\s*$", re.I)
EVALUATION = re.compile("|".join(f"(?P<{pos[0]}{i}>{_cue(x)})" for i, (x, pos) in enumerate(EVALUATIONS)), re.I)


SAID_THEN = re.compile(r"(?<![\w’'])(?:said|says|told|added|argued|insisted)(?![\w’'])", re.I)
MENTIONING = re.compile(r"(?<![\w’'])(?:mention|mentioned|say|said|discuss|discussed|address|addressed|refer|raise|raised"
                        r"|talk|talked|comment|commented)(?![\w’'])", re.I)
IF_CLAUSE = re.compile(r"(?<![\w’'])if\s+(?:[\w’']+\s+){0,3}$", re.I)


def polarity(text: str, cue: re.Match, start: int = 0) -> str:
    """The position a cue gives, turned by a negation among the few words before it."""
    position = "Support" if (cue.lastgroup or "S").startswith("S") else "Opposition"
    before = text[max(start, cue.start() - 40):cue.start()]
    negated = [m for m in NEGATOR.finditer(before)]
    if negated and len(re.findall(r"[\w’']+", before[negated[-1].end():])) <= 3 and not re.match(
            r"(?:not convinced|no plans?|not (?:fit|ready))", cue.group(0), re.I):
        position = "Opposition" if position == "Support" else "Support"
    return position


def _clause(text: str, s, at: int) -> tuple[int, int]:
    """The clause of sentence ``s`` that holds ``at``."""
    cuts = [m for m in BOUNDARY.finditer(text, s.start, s.end)]
    a = max((m.end() for m in cuts if m.end() <= at), default=s.start)
    b = min((m.start() for m in cuts if m.start() > at), default=s.end)
    return a, b


def _words(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def position_of(text: str, s, a: int, b: int) -> tuple[str, int, int] | None:
    """The position sentence ``s`` takes on the proposal named at ``text[a:b]``, with the cue's span."""
    c0, c1 = _clause(text, s, a)
    view = [v for v in VIEW.finditer(text, c0, a)]
    c0 = view[-1].end() if view else c0  # "rejects X's view that …": X's position is read after "that"
    near = max(c0, a - 200)  # ten words before, at most
    before = [m for m in CUE.finditer(text, near, b) if m.start() < a and _words(text[m.end():a]) <= 10
              and not SAID_THEN.search(text, m.end(), a)]  # "backed X and said Y should …": Y's cue is its own
    before += [m for m in MODAL.finditer(text, near, a) if _words(text[m.end():a]) <= 2]
    before.sort(key=lambda m: m.start())
    inner = [m for m in EVALUATION.finditer(text, max(c0, a - 12), b) if _words(text[m.end():a]) <= 1  # "a top-down mandate"
             and not (re.match(r"(?:is|are|was|were|would be)\s", m.group(0), re.I)
                      and re.match(r"\s+(?:in|to|for|of|on|at|with)\s", text[m.end():]))]  # "X is key in integrating": X's
    inner += [m for m in MODAL.finditer(text, a, b)]  # "the budget should be pooled"
    inner += [m for m in CUE.finditer(text, a, b) if m.start() > a]  # "councils were ready to hold …"
    inner.sort(key=lambda m: m.start())
    far = min(c1, b + 200)  # eight words after, at most
    after = [m for m in EVALUATION.finditer(text, b, far) if _words(text[b:m.start()]) <= 8]
    after += [m for m in CUE.finditer(text, b, far) if re.match(r"\s+(?:it|them|this)\b", text[m.end():])]  # "… the fund, I welcomed it"
    after.sort(key=lambda m: m.start())
    more = re.match(r"\W*(?:but\W+)?(?=(?:it|this|that)\b)", text[c1:], re.I) if c1 < s.end else None
    if not after and more:
        n0, n1 = _clause(text, s, c1 + more.end())  # "X isn't everything, but it beats the alternative"
        after = [m for m in EVALUATION.finditer(text, n0, n1) if _words(text[n0:m.start()]) <= 8]
    negation = re.search(r"(?:(?<![\w’'])(?:will|would|should|could|must|do|does|did) (?:not|n’t)|won’t|won't|(?<![\w’'])(?:not|no|without))"
                         r"\s+(?:\w+\s+){0,1}$", text[c0:a], re.I)
    if before:
        cue = before[-1]
        position = polarity(text, cue, c0)
        if cue.re is MODAL and NEGATOR.match(text[cue.end():a].strip()):  # "should not force councils to pool"
            position = FLIP[position]
        if AWAY.search(text, cue.end(), a):  # "concerns about the shift away from X": for X
            position = FLIP[position]
        # "scathing about calls for X", "rejects the case for X": a position on the asking.
        outer = [m for m in before[:-1] if _words(text[m.end():cue.start()]) <= 3]
        if outer and ASKING_NOUNS.search(text[c0:cue.end()]) and position == "Support":
            position = polarity(text, outer[-1], c0)
            cue = outer[-1]
        return position, cue.start(), cue.end()
    following = AFTER_MODAL.match(text, b)  # "a single budget should only be brought in"
    if following and following.end() <= c1:
        return "Support", following.start(), following.end()
    for m in inner + after:
        position = "Support" if (m.lastgroup or "S").startswith("S") else "Opposition"
        if NEGATOR.search(text, max(c0, m.start() - 30), m.start()) or NEGATOR.search(text, c0, min(a, m.start())):
            position = "Opposition" if position == "Support" else "Support"
        return position, m.start(), m.end()
    if negation and not MENTIONING.search(negation.group(0)):  # "did not mention pooling" takes no position
        return "Opposition", c0 + negation.start(), a
    return None


QUESTION = re.compile(r"(?<![\w’'])(?:whether|asked (?:\w+ ){0,5}?(?:about|if|whether|for)|(?:yet|declined|refused) to (?:say|decide|"
                      r"commit)|undecided (?:on|about))(?![\w’'])|^\W*asked\b", re.I)


UNLESS = re.compile(r"(?<![\w’'])(?:without|unless)(?![\w’'])", re.I)


def asked(text: str, s, at: int) -> bool:
    """Whether the words at ``at`` are a question's or an open matter's, not a position: "has yet
    to say whether it would back a mandate", "Asked about the call for a single budget, …" (up
    to the comma), "has not said whether areas would be compelled"."""
    for m in QUESTION.finditer(text, s.start, at):
        stop = re.search(r"[,;:”\"]", text[m.end():s.end])
        if stop is None or m.end() + stop.start() >= at:
            return True
    return False


def _reaction(text: str, s, cue: re.Match) -> tuple[str, int, int]:
    """The position a short reaction takes: its cue's, turned by a negation before it."""
    if cue.re is CUE:
        return polarity(text, cue, s.start), cue.start(), cue.end()
    position = "Support" if (cue.lastgroup or "S").startswith("S") else "Opposition"
    if NEGATOR.search(text, max(s.start, cue.start() - 30), cue.start()):
        position = "Opposition" if position == "Support" else "Support"
    return position, cue.start(), cue.end()


def _actor(text, s, at, voiced, mentions, reader: Voices) -> Mention | None:
    here = reader.within(s.start, s.end)
    cue = CUE.match(text, at)
    if cue and re.match(r"\s+by\s", text[cue.end():]):  # "a budget backed by the council": the council's, or no one's
        agent = re.match(r"\s+by\s+(?:the\s+)?", text[cue.end():])
        return next((m for m in here if m.actor and m.start == cue.end() + agent.end()), None) if agent else None
    voice = next(((x, k, how) for x, y, k, how in voiced if x <= at < y), None)
    if voice is not None:
        x, speaker, how = voice
        c0 = max(x, _clause(text, s, at)[0])
        told = re.match(r"\W*(?:that\s+)?([\w’']+)", text[c0:at])
        if how == "report" and CUE.match(text, at) and _words(text[c0:at]) <= 5 and told and told.group(1).lower() not in SUBJECT_PRONOUNS \
                and not re.search(r"(?<![\w’'])(?:would|will|could|should|is|are|was|were|be)(?![\w’'])", text[c0:at]) \
                and not re.search(r"(?:told|tells|tell)\s*$", text[s.start:x]):
            own = subject(text, c0, at, here, reader.salience)  # "Jane Roe said the council opposed it": the council's
            if own is not None:
                return own
        return reader.by_key.get(speaker, Mention(at, at, speaker, "", True))
    owner = next((m for m in here if m.actor and re.fullmatch(r"[’']s?\s+", text[m.end:at])), None)
    if owner is not None and NOUN_CUES.match(text[at:]):
        return owner
    view = [v for v in VIEW.finditer(text, s.start, at)]
    if view:  # "the King's Fund's view that boards are not fit": the King's Fund's
        return next((m for m in reversed(here) if m.actor and view[-1].start() <= m.end <= view[-1].end()), None)
    if PASSIVE.search(text[s.start:at].rstrip()) or PASSIVE.search(text[s.start:at + 30].split(",")[0]):
        return None  # "has been restructured": its subject is not who acts
    c0, _ = _clause(text, s, at)
    which = relative(text, s.start, at, here)
    if which is not None:
        return which
    found = subject(text, c0, at, here, reader.salience) or (subject(text, s.start, at, here, reader.salience) if c0 > s.start else None)
    if found is None:  # "Explaining his resistance to reform, Sir John said …": the one who speaks after
        later = [k for x, _, k, how in voiced if x > at and how == "report"]
        if later:
            found = reader.by_key.get(later[0])
    if found is None and reader.narrator and not here and re.search(r"\b(?:is|are|was|were)\b", text[s.start:s.end]):
        found = reader.by_key.get(reader.narrator)  # the writer's own judgement
    return found


def proposals_in(text: str, s, index: KnownIndex, previous: list, inverted: set | None = None,
                 names: list | None = None) -> list[tuple[int, int, object]]:
    """The known proposals sentence ``s`` names, with their spans; ``inverted`` collects the
    spans whose words say the proposal's opposite."""
    inverted = set() if inverted is None else inverted
    found = phrase_mentions(text, s.start, s.end, index, names or [])
    sentence = text[s.start:s.end]
    for a, b, kind in kind_mentions(text, s.start, s.end):
        p = proposal_of_kind(kind.rstrip("!"), sentence, index)
        if p is not None:
            found.append((a, b, p))
            if kind.endswith("!"):
                inverted.add((a, b))
    # Pooling "across the region" or "in Kirkdale" is a local scheme, not pooling at large.
    found = [(a, b, p) for a, b, p in found if not (index.kinds.get(p) == {"PoolingKind"} and LOCAL.match(text, b))]
    if previous:  # "the idea", "the plan": the proposal named last ("the fund": the last pooled one)
        for m in ANAPHORA.finditer(text, s.start, s.end):
            money = re.sub(r"[’']s$", "", m.group(0).lower()).endswith(("fund", "scheme", "plan"))
            earlier = [q for _, _, q in previous if not money or index.kinds.get(q, set()) & {"PoolingKind", "BetterCareFundKind"}]
            if earlier and not found and not re.match(r"\s+(?:of|that|to)\b", text[m.end():]):
                found.append((m.start(), m.end(), earlier[-1]))
    found = _mandate_content(text, found, index)
    out: list = []
    # Longest first: words that overlap a longer name of a proposal are part of it.
    for a, b, p in sorted(found, key=lambda x: (-(x[1] - x[0]), x[0])):
        if not any(a < y and x < b for x, y, _ in out):
            out.append((a, b, p))
    return sorted(out, key=lambda x: (x[0], x[1], str(x[2])))


MANDATE_TO = re.compile(r"\s+(?:(?:on|for|upon)\s+(?:[\w’'-]+\s+){1,4})?(?:to|into)\s+", re.I)


def _mandate_content(text: str, found: list, index: KnownIndex) -> list:
    """A mandate's content is not a proposal of its own: in "a national mandate to pool budgets"
    and "force CCGs to pool their budgets" the pooling is what the mandate would impose, so a
    position on the words is a position on the mandate; the mandate's span takes in the pooling."""
    out = list(found)
    for m in [x for x in found if "NationalMandateKind" in index.kinds.get(x[2], set())]:
        if m not in out:
            continue
        inner = [x for x in out if x is not m and "PoolingKind" in index.kinds.get(x[2], set())
                 and "NationalMandateKind" not in index.kinds.get(x[2], set()) and x[0] >= m[0]
                 and (x[0] < m[1] or MANDATE_TO.fullmatch(text, m[1], x[0]))]
        if inner:
            out = [x for x in out if x not in inner and x is not m] + [(m[0], max([m[1]] + [x[1] for x in inner]), m[2])]
    return out


def new_proposal(text: str, at: int, end: int) -> tuple[int, int, str] | None:
    """A proposal named by the words after a cue of asking, up to the clause's end ("called for
    a single pooled budget for health and care" gives "Single pooled budget for health and
    care"), as (start, end, ``new:Label``); None when fewer than two words say what it is."""
    from graph.text.spans import STOP

    rest = re.split(r"[.,;:”\"(]| and (?=\w+ed\b)| but | which | that | while | because | to (?=\w+ (?:the|a|an)\b)", text[at:end],
                    maxsplit=1)[0]
    found = [(m.start() + at, m.end() + at, m.group(0)) for m in re.finditer(r"[\w’'£$€.-]*\w", rest)]
    while found and found[0][2].lower().strip("“‘'\"") in STOP | {"to", "see", "it", "them"}:
        found = found[1:]
    found = found[:10]
    while found and found[-1][2].lower() in STOP:
        found = found[:-1]
    if sum(1 for w in found if w[2].lower() not in STOP) < 2:
        return None
    label = " ".join(w[2] for w in found).strip("“‘'\" ")
    return found[0][0], found[-1][1], "new:" + label[:1].upper() + label[1:]


def find_stances(text: str, spans: list, mentions: list[Mention], index: KnownIndex, lines, narrator=None,
                 authors: set | None = None) -> tuple[list[dict], list[tuple]]:
    """Every candidate stance (actor key, proposal: an IRI or ``new:Label``, position, the cue,
    where the proposal is named, the sentence), and every place a known proposal is named
    (start, end, proposal, sentence)."""
    reader = Voices(text, spans, mentions, narrator, authors)
    out: list[dict] = []
    previous: list = []  # the proposals the last sentences named
    previous_here: list = []  # what the sentence before named
    drafted: set = set()
    proposals: list = []
    for s in spans:
        voiced = reader.sentence(s)
        named, inverted, reactions = _named(text, s, index, reader.within(s.start, s.end), previous, previous_here)
        proposals += [(a, b, p, s) for a, b, p in named if not str(p).startswith("new:") and (a, b, str(p)) not in reactions]
        seen: set = set()
        last: Mention | None = None  # the actor of the clause before, for one that goes on without a subject
        for a, b, proposal in named:
            found = reactions.get((a, b, str(proposal))) or position_of(text, s, a, b)
            if found is None:
                continue
            position, c0, c1 = found
            if asked(text, s, a) or (IF_CLAUSE.search(text, max(s.start, c0 - 40), c0) and "," not in text[c0:a]):
                continue  # a question, or a hypothesis ("If we want one budget, …")
            if position == "Opposition" and UNLESS.search(text, b, _clause(text, s, b)[1]):
                continue  # "integration would stall without new money": a condition, not opposition
            if (a, b) in inverted:
                position = FLIP[position]
            if position == "Support" and any(m.end() <= a or m.start() >= b for m in CONDITIONS.finditer(text, *_clause(text, s, a))):
                position = "ConditionalSupport"
            clause = _clause(text, s, c0)[0]
            if last is not None and clause > s.start and SUBJECTLESS.match(text, clause):
                actor: Mention | None = last  # "… opposed a mandate and would rather see …"
            else:
                actor = _actor(text, s, c0, voiced, mentions, reader)
            rows = [(actor, position, (c0, c1))]
            view = [v for v in VIEW.finditer(text, clause, a)]
            outer = [m for m in CUE.finditer(text, clause, view[-1].start())] if view else []
            if outer and position in FLIP:  # "the institute rejects the King's Fund's view that …"
                held = subject(text, clause, outer[-1].start(), reader.within(s.start, s.end), reader.salience)
                stance = polarity(text, outer[-1], clause)
                rows.append((held, position if stance == "Support" else FLIP[position], (outer[-1].start(), outer[-1].end())))
            for who, pos, (x0, x1) in rows:
                key = (who.key if who else "", str(proposal), pos)
                if who is None or key in seen or (key in drafted and kind_at(lines, s.start) == "heading"):
                    continue  # a heading that repeats what was drafted already gives nothing new
                if str(proposal).startswith("new:") and pos == "Opposition" and not ASKING.match(text, x0):
                    continue
                seen.add(key)
                drafted.add(key)
                reader.salience.note(who)
                last = who if who is actor else last
                out.append({"actor": who.key, "actor_at": who.start if who.start < x0 else None, "proposal": proposal,
                            "position": pos, "cue": (x0, x1), "named": (a, b), "sentence": s})
        previous = (previous + named)[-3:] if named else previous[-3:]
        previous_here = [x for x in named if (x[0], x[1], str(x[2])) not in reactions]
    return out, proposals


def _named(text, s, index, mentions, previous, previous_here) -> tuple[list, set, dict]:
    """The proposals sentence ``s`` speaks of: known ones, new ones after a cue of asking, and,
    for a short reaction, the ones the sentence before named; with the spans whose words say a
    proposal's opposite, and the reactions' positions."""
    inverted: set = set()
    reactions: dict = {}
    named = proposals_in(text, s, index, previous, inverted, [(m.start, m.end) for m in mentions])
    for asking in ASKING.finditer(text, s.start, s.end):
        c0, c1 = _clause(text, s, asking.start())
        if not any(asking.end() <= a < c1 for a, _, _ in named) and not re.match(r"\s+by\b", text[asking.end():]):
            new = new_proposal(text, asking.end(), c1)
            if new is not None and not any(a < new[1] and new[0] < b for a, b, _ in named):
                named.append(new)
    if not named and previous_here and len(re.findall(r"[\w’']+", text[s.start:s.end])) <= 8:
        # A short reaction ("That would be a mistake", "I am not convinced", "He's right on both
        # counts") is about what the sentence before named.
        cue = CUE.search(text, s.start, s.end) or EVALUATION.search(text, s.start, s.end)
        if cue is not None:
            for _, _, p in previous_here:
                named.append((cue.start(), cue.end(), p))
                reactions[(cue.start(), cue.end(), str(p))] = _reaction(text, s, cue)
    return sorted(named, key=lambda x: (x[0], x[1])), inverted, reactions


__all__ = ["find_stances", "position_of", "proposals_in", "polarity", "CUE", "EVALUATION"]
