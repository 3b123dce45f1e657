/* Unit tests of graph/map/static/maplogic.js, without a page: node --test tests/map/js/
 * (run by tests/map/test_maplogic.py, so CI runs them).  Hand-worked cases; the ranking is
 * also compared with graph.kg.names on the curated graph's names there. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const L = require(path.join(__dirname, "..", "..", "..", "graph", "map", "static", "maplogic.js"));

const APOSTROPHES = "'\u2019\u02bc`\u00b4";
const SEARCH = { prefixes: { kg: "https://w3id.org/carekg/id/" }, apostrophes: APOSTROPHES, fuzzy: 0.75 };
const KG = "https://w3id.org/carekg/id/";
const INDEX = L.entries([
  [KG + "norman-lamb", "Norman Lamb", "Person", [], true],
  [KG + "kings-fund", "King's Fund", "Think tank", ["The King's Fund"], true],
  [KG + "department-of-health", "Department of Health", "Government department", ["DH"], true],
  [KG + "john-oldham", "John Oldham", "Person", [], true],
  [KG + "lamb-speech", "Audience members who questioned Norman Lamb", "Collective actor", [], true],
  [KG + "pooling", "Pool health and social care budgets", "Proposal", [], false],
  [KG + "fund-a", "Better Care Fund", "Fund", [], true],
  [KG + "fund-b", "Better Care Fund", "Proposal", [], true],
]);
const ids = (found) => found.map((m) => [m.id.slice(KG.length), m.how]);

test("fold: marks, case, apostrophes and punctuation, as graph.kg.names.fold", () => {
  assert.equal(L.fold("King\u2019s Fund", APOSTROPHES), "kings fund");
  assert.equal(L.fold("Sant\u00e9", APOSTROPHES), "sante");
  assert.equal(L.fold("  NORMAN   lamb ", APOSTROPHES), "norman lamb");
  assert.equal(L.fold("NHS-England (national)", APOSTROPHES), "nhs england national");
  assert.equal(L.fold("\u00a3800m", APOSTROPHES), "800m");
  assert.equal(L.fold("", APOSTROPHES), "");
});

test("withoutArticle: a leading \"the\" only, as graph.text.fuzzy.without_article", () => {
  assert.equal(L.withoutArticle("the kings fund"), "kings fund");
  assert.equal(L.withoutArticle("the"), "the");
  assert.equal(L.withoutArticle("theatre"), "theatre");
  assert.equal(L.withoutArticle("bathe the dog"), "bathe the dog");
});

test("a leading \"the\" does not count: names as articles write them", () => {
  const index = L.entries([[KG + "kings-fund", "King's Fund", "Think tank", [], true],
                           [KG + "government", "The government", "National government", [], true]]);
  assert.deepEqual(ids(L.matches(index, SEARCH, "The King’s Fund")), [["kings-fund", "the"]]);
  assert.deepEqual(ids(L.matches(index, SEARCH, "government")), [["government", "the"]]);
  assert.deepEqual(ids(L.matches(index, SEARCH, "the kings fnd")), [["kings-fund", "fuzzy"]]);
  assert.deepEqual(ids(L.matches(index, SEARCH, "the gov")), [["government", "words"]]);
  assert.equal(L.resolve(index, SEARCH, "The King's Fund").id, KG + "kings-fund");
  // a name that is the same with its "the" comes first: the fund, not "The Better Care Fund"
  const two = L.entries([[KG + "bcf", "Better Care Fund", "Fund", [], true],
                         [KG + "proposal-bcf", "The Better Care Fund", "Proposal", [], true]]);
  assert.deepEqual(ids(L.matches(two, SEARCH, "better care fund")), [["bcf", "folded"], ["proposal-bcf", "the"]]);
  assert.equal(L.resolve(two, SEARCH, "the better care fund").id, KG + "proposal-bcf");
});

test("similarity: one minus the edit distance over the longer length, by code point", () => {
  assert.equal(L.similarity("abc", "abc"), 1);
  assert.equal(L.similarity("", "a"), 0);
  assert.equal(L.similarity("kitten", "sitting"), 1 - 3 / 7);
  assert.equal(L.similarity("norman lmb", "norman lamb"), 1 - 1 / 11);
  assert.equal(L.similarity("\u{1F600}a", "\u{1F600}b"), 0.5);   // an emoji is one character, not two
});

test("expand and curie: known prefixes only", () => {
  assert.equal(L.expand("kg:norman-lamb", SEARCH.prefixes), KG + "norman-lamb");
  assert.equal(L.expand("ex:x", SEARCH.prefixes), null);
  assert.equal(L.expand("no colon", SEARCH.prefixes), null);
  assert.equal(L.curie(KG + "norman-lamb", SEARCH.prefixes), "kg:norman-lamb");
  assert.equal(L.curie(KG, SEARCH.prefixes), "<" + KG + ">");   // the namespace alone is no CURIE
  assert.equal(L.curie("http://example.org/x", SEARCH.prefixes), "<http://example.org/x>");
});

test("matches: tiers in order, instances before other things, then score and length", () => {
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "kg:norman-lamb")), [["norman-lamb", "iri"]]);
  // a full IRI in angle brackets: that node first; the other IRIs, alike in most characters, follow as guesses
  const iri = ids(L.matches(INDEX, SEARCH, "<" + KG + "john-oldham>"));
  assert.deepEqual(iri[0], ["john-oldham", "iri"]);
  assert.ok(iri.slice(1).every(([, how]) => how === "fuzzy"), JSON.stringify(iri));
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "DH")), [["department-of-health", "alias"]]);   // never "olDHam"
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "kings fund")), [["kings-fund", "folded"]]);
  // "Lamb": a word of two names; the shorter name (a larger share of its words) first
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "Lamb")), [["norman-lamb", "words"], ["lamb-speech", "words"]]);
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "Norman Lmb")), [["norman-lamb", "fuzzy"]]);
  assert.deepEqual(ids(L.matches(INDEX, SEARCH, "pool")), [["pooling", "words"]]);
  assert.deepEqual(L.matches(INDEX, SEARCH, "nothing like it"), []);
  assert.equal(L.matches(INDEX, SEARCH, "a", 1).length <= 1, true);
});

test("resolve: only a clear name picks a node", () => {
  assert.equal(L.resolve(INDEX, SEARCH, "Norman Lamb").id, KG + "norman-lamb");
  assert.equal(L.resolve(INDEX, SEARCH, "the king\u2019s fund").id, KG + "kings-fund");   // folded alias
  assert.equal(L.resolve(INDEX, SEARCH, "Lamb").id, null);          // only words of a name: choose
  assert.equal(L.resolve(INDEX, SEARCH, "Lamb").matches.length, 2);
  assert.equal(L.resolve(INDEX, SEARCH, "Norman Lmb").id, null);    // a guess never picks
  assert.equal(L.resolve(INDEX, SEARCH, "Better Care Fund").id, null);   // two things of one name
  const picked = new Map([["Better Care Fund (Fund)", KG + "fund-a"]]);
  assert.deepEqual(L.resolve(INDEX, SEARCH, "Better Care Fund (Fund)", picked), { id: KG + "fund-a", matches: [] });
});

test("displayNames: a shared label gets its type, a label still shared gets its id", () => {
  const out = L.displayNames([
    { id: "b", name: "Better Care Fund", typeLabel: "Fund" }, { id: "a", name: "Better Care Fund", typeLabel: "Proposal" },
    { id: "c", name: "Alpha", typeLabel: "Person" }, { id: "d", name: "Twin", typeLabel: "Person" },
    { id: "e", name: "Twin", typeLabel: "Person" }]);
  assert.deepEqual(out.names, [["Alpha", "c"], ["Better Care Fund (Fund)", "b"], ["Better Care Fund (Proposal)", "a"],
                               ["Twin (Person)", "d"], ["Twin (Person) [e]", "e"]]);
  assert.equal(out.byId.e, "Twin (Person) [e]");
});

test("searchStatus: how many to choose from, or none", () => {
  assert.equal(L.searchStatus("Lamb", [{}, {}]), "2 possible matches for \u201cLamb\u201d: choose one");
  assert.equal(L.searchStatus("x", [{}]), "1 possible match for \u201cx\u201d: choose one");
  assert.equal(L.searchStatus("zzz", []), "No match for \u201czzz\u201d");
});

test("dates: the first and last day a year, month or day allows", () => {
  assert.equal(L.lastDay("2016-02"), "2016-02-29");
  assert.equal(L.lastDay("2015-02"), "2015-02-28");
  assert.equal(L.lastDay("2014-12"), "2014-12-31");
  assert.equal(L.day("2015", false), "2015-01-01");
  assert.equal(L.day("2015", true), "2015-12-31");
  assert.equal(L.day("2015-06", true), "2015-06-30");
  assert.equal(L.day(" 2014-06-05 ", true), "2014-06-05");
  assert.equal(L.day("June 2015", false), "");
  assert.equal(L.day(undefined, false), "");
});

test("rangeOf: open ends reach the data's months, reversed bounds swap, nothing is no range", () => {
  const months = { min: "2014-06", max: "2017-03" };
  assert.deepEqual(L.rangeOf("2014", "2015-06", months), { from: "2014-01-01", to: "2015-06-30" });
  assert.deepEqual(L.rangeOf("", "2015", months), { from: "2014-06-01", to: "2015-12-31" });
  assert.deepEqual(L.rangeOf("2016-02", "", months), { from: "2016-02-01", to: "2017-03-31" });
  assert.deepEqual(L.rangeOf("2016", "2015", months), { from: "2015-12-31", to: "2016-01-01" });
  assert.equal(L.rangeOf("", "", months), null);
  assert.deepEqual(L.rangeOf("2015", "", null), { from: "2015-01-01", to: "9999-12-31" });
});

test("inRange: the interval a claim's text allows overlaps the range", () => {
  const range = { from: "2016-01-01", to: "2016-12-31" };
  assert.equal(L.inRange({ earliest: "2016-11-01", latest: "2016-11-30" }, range), true);
  assert.equal(L.inRange({ earliest: "2015-01-01", latest: "2017-01-01" }, range), true);   // spans it
  assert.equal(L.inRange({ earliest: null, latest: "2016-11-30" }, range), true);   // recalled, no start
  assert.equal(L.inRange({ earliest: null, latest: "2015-12-31" }, range), false);
  assert.equal(L.inRange({ earliest: "2014-06-05", latest: "2014-06-05" }, range), false);
  assert.equal(L.inRange({}, range), false);   // undated: cannot be placed
  assert.equal(L.inRange({}, null), true);     // no range keeps everything
});

test("edgePasses: relation kinds, implicit, source, hiding range and years", () => {
  const s = L.freshState();
  const e = { legend: "stance:support", implicit: true, article: "a1", firstYear: 2014, lastYear: 2015,
              earliest: "2014-06-05", latest: "2015-12-31" };
  assert.equal(L.edgePasses(e, s), true);
  s.kindsOff.add("stance:support");
  assert.equal(L.edgePasses(e, s), false);
  s.kindsOff.clear(); s.implicitOff = true;
  assert.equal(L.edgePasses(e, s), false);
  s.implicitOff = false; s.source = "a2";
  assert.equal(L.edgePasses(e, s), false);
  s.source = "a1"; s.range = { from: "2016-01-01", to: "2016-12-31" };
  assert.equal(L.edgePasses(e, s), true);      // outside the range: faded, not hidden
  s.rangeHide = true;
  assert.equal(L.edgePasses(e, s), false);
  s.range = null; s.rangeHide = false;
  for (const [year, passes] of [["2013", false], ["2014", true], ["2015", true], ["2016", false], ["undated", false]]) {
    s.year = year;
    assert.equal(L.edgePasses(e, s), passes, year);
  }
  s.source = ""; s.year = "2009";   // a past recalled without a start may fall in any year up to its last
  assert.equal(L.edgePasses({ legend: "x", firstYear: null, lastYear: 2015 }, s), true);
  s.year = "undated";
  assert.equal(L.edgePasses({ legend: "x", lastYear: null }, s), true);
});

/* a - b - c - d in a line, e alone, a self-loop on e; b is a proposal */
const NODES = [{ id: "a", family: "person", sources: ["s1"] }, { id: "b", family: "proposal", sources: [] },
               { id: "c", family: "person", sources: [] }, { id: "d", family: "person", sources: [] },
               { id: "e", family: "person", sources: ["s2"] }];
const EDGES = [{ id: "ab", from: "a", to: "b", legend: "stance:support", article: "s1", lastYear: 2014, firstYear: 2014 },
               { id: "bc", from: "c", to: "b", legend: "stance:oppose", article: "s1", lastYear: 2015, firstYear: 2015 },
               { id: "cd", from: "c", to: "d", legend: "post", article: "s3", lastYear: 2015, firstYear: 2015 },
               { id: "ee", from: "e", to: "e", legend: "other", article: "s2", lastYear: 2015, firstYear: 2015 }];
const ADJ = L.adjacency(NODES, EDGES);
const shown = (s) => Array.from(L.shownNodes(NODES, EDGES, ADJ, s)).sort();

test("adjacency: each edge at both ends, a self-loop once", () => {
  assert.deepEqual(ADJ.b.map((e) => e.id), ["ab", "bc"]);
  assert.deepEqual(ADJ.e.map((e) => e.id), ["ee"]);
});

test("shownNodes: families, sources, years, focus and isolated nodes", () => {
  const s = L.freshState();
  assert.deepEqual(shown(s), ["a", "b", "c", "d", "e"]);
  s.groupsOff.add("proposal");
  assert.deepEqual(shown(s), ["a", "c", "d", "e"]);
  s.hideIsolated = true;   // a lost its only relation (to the hidden proposal); e has only a loop
  assert.deepEqual(shown(s), ["c", "d"]);
  Object.assign(s, L.freshState(), { source: "s2" });   // e cites s2 and its loop is from s2
  assert.deepEqual(shown(s), ["e"]);
  Object.assign(s, L.freshState(), { source: "s1" });
  assert.deepEqual(shown(s), ["a", "b", "c"]);
  Object.assign(s, L.freshState(), { year: "2015" });
  assert.deepEqual(shown(s), ["b", "c", "d", "e"]);
  Object.assign(s, L.freshState(), { focus: { root: "a", steps: 2 } });
  assert.deepEqual(shown(s), ["a", "b", "c"]);
  s.focus.steps = 3;
  assert.deepEqual(shown(s), ["a", "b", "c", "d"]);
  s.kindsOff.add("stance:oppose");   // the path through b is cut
  assert.deepEqual(shown(s), ["a", "b"]);
  Object.assign(s, L.freshState(), { focus: { root: "e", steps: 1 }, hideIsolated: true });
  assert.deepEqual(shown(s), ["e"]);   // the focus stays, alone
});

test("focusRoots: a focus starts at the node and at each proposal about it", () => {
  /* f is a fund, g the proposal about it ("topic"), h argues over g, i is a report about f */
  const nodes = [{ id: "f", family: "fund" }, { id: "g", family: "proposal" }, { id: "h", family: "person" },
                 { id: "i", family: "document" }];
  const edges = [{ id: "gf", from: "g", to: "f", legend: "topic" }, { id: "hg", from: "h", to: "g", legend: "stance:support" },
                 { id: "if", from: "i", to: "f", legend: "topic" }];
  const adj = L.adjacency(nodes, edges);
  assert.deepEqual(L.focusRoots(nodes, adj, "f"), ["f", "g"]);   // not the report: only a proposal is the thing put forward
  assert.deepEqual(L.focusRoots(nodes, adj, "g"), ["g"]);
  const s = Object.assign(L.freshState(), { focus: { root: "f", steps: 1 } });
  assert.deepEqual(Array.from(L.shownNodes(nodes, edges, adj, s)).sort(), ["f", "g", "h", "i"]);
});

test("alwaysLabelled: the most connected of the shown nodes, at least a few, and a share of a big view", () => {
  const s = L.freshState();
  const all = new Set(["a", "b", "c", "d", "e"]);
  // b and c have two relations each (ab, bc / bc, cd), a and d one, e only a loop
  assert.deepEqual(Array.from(L.alwaysLabelled(NODES, EDGES, all, s, 2, 0)), ["b", "c"]);
  assert.deepEqual(Array.from(L.alwaysLabelled(NODES, EDGES, all, s, 1, 0.5)).sort(), ["a", "b", "c"]);
  assert.equal(L.alwaysLabelled(NODES, EDGES, all, s, 12, 0.15).size, 5);   // a small view: every node
  s.kindsOff.add("stance:oppose");   // bc hidden: b and c keep one relation each, like a and d
  assert.deepEqual(Array.from(L.alwaysLabelled(NODES, EDGES, all, s, 2, 0)), ["a", "b"]);
});

test("viewCaption: what is shown of what, every filter in words, and the dates", () => {
  const info = { view: "network", counts: { nodes: 5, edges: 4, shownNodes: 3, shownEdges: 2 }, months: { min: "2014-01", max: "2015-12" },
                 sourceTitle: (s) => "Title of " + s, nodeName: (id) => id.toUpperCase(), groupLabel: (g) => g + "s",
                 kindLabel: (k) => k.replace("stance:", "") };
  const s = L.freshState();
  assert.deepEqual(L.viewCaption(s, info), ["Showing 3 of 5 nodes and 2 of 4 relations of the network view.", "Filters: none.",
                                            "Dates: all (the dated claims run from 2014-01 to 2015-12)."]);
  Object.assign(s, { source: "s1", year: "2015", implicitOff: true, focus: { root: "a", steps: 2 }, hideIsolated: true,
                     coalition: true, range: { from: "2014-06-01", to: "2015-03-31" }, rangeHide: true });
  s.groupsOff.add("proposal"); s.kindsOff.add("stance:oppose");
  const lines = L.viewCaption(s, Object.assign({ coalitionFilters: "actors: all", scope: "Showing 3 of 9 nodes: within 1 step of A." }, info));
  assert.deepEqual(lines.slice(1), [
    "Filters: only the claims of Title of s1; only claims that may fall in 2015; hidden: proposals, oppose, implicit readings; " +
    "within 2 steps of A; nodes left without relations hidden; coloured by coalition (actors: all).",
    "Dates: claims dated 2014-06 to 2015-03 shown; the others hidden.",
    "Showing 3 of 9 nodes: within 1 step of A."]);
});

test("shownLegend: the families and kinds of what is shown, in the legend's order", () => {
  const legend = { groups: [{ key: "person" }, { key: "proposal" }, { key: "fund" }],
                   kinds: [{ key: "post" }, { key: "stance:support" }, { key: "stance:oppose" }, { key: "other" }] };
  const s = L.freshState();
  const out = L.shownLegend(legend, NODES, EDGES, new Set(["a", "b", "c"]), s);
  assert.deepEqual(out.groups.map((g) => g.key), ["person", "proposal"]);
  assert.deepEqual(out.kinds.map((k) => k.key), ["stance:support", "stance:oppose"]);
  assert.equal(out.implicit, false);
  s.kindsOff.add("stance:oppose");
  assert.deepEqual(L.shownLegend(legend, NODES, EDGES, new Set(["a", "b", "c"]), s).kinds.map((k) => k.key), ["stance:support"]);
});

test("focusSteps: a whole number from 1 to 6", () => {
  assert.deepEqual(["3", 0, 9, "x", -2, 2.7].map(L.focusSteps), [3, 1, 6, 1, 1, 2]);
});

test("coalitionOrder: groupings by id (numbered from 1, largest first), actors alone apart", () => {
  const members = { a: 1, b: 2, c: 1, d: 3, e: 2, f: 4, g: 1 };
  const summaries = [{ id: 1, size: 3 }, { id: 2, size: 2 }, { id: 3, size: 1 }, { id: 4, size: 1 }];
  const out = L.coalitionOrder(members, summaries);
  assert.deepEqual(out.order, [1, 2]);
  assert.deepEqual(out.lone, [3, 4]);
  assert.deepEqual(out.counts, { 1: 3, 2: 2, 3: 1, 4: 1 });
  // a map of the members a page drew, without the library's summaries: a grouping of one is alone
  assert.deepEqual(L.coalitionOrder({ a: 2, b: 2, c: 5 }).order, [2]);
  assert.deepEqual(L.coalitionOrder({ a: 2, b: 2, c: 5 }).lone, [5]);
});

test("sources: what the panel says, and says when the data does not state it", () => {
  const sources = { "ex:a1": { title: "Lamb tells Confed", publisher: "HSJ", date: "2014-06-05" },
                    "ex:a2": { label: "Roundup", date: "2015", date_is_estimate: true, author: "A. Writer" } };
  assert.deepEqual(L.sourceBits(sources, "ex:a1"), { title: "Lamb tells Confed", publisher: "HSJ", author: "", date: "2014-06-05" });
  const two = L.sourceBits(sources, "ex:a2");
  assert.deepEqual(two, { title: "Roundup", publisher: "publisher not stated", author: "A. Writer", date: "2015 (estimated)" });
  assert.equal(L.sourceLine(two), "publisher not stated \u00b7 by A. Writer \u00b7 2015 (estimated)");
  assert.deepEqual(L.sourceBits(sources, "https://w3id.org/carekg/id/article-009"),
                   { title: "article-009", publisher: "publisher not stated", author: "", date: "date not stated" });
  assert.equal(L.localName("http://x.org/a#b"), "b");
});

test("fileName: letters and digits, dashed, lower case, at most sixty", () => {
  assert.equal(L.fileName("Pooling: who argued what?", ".png"), "pooling-who-argued-what.png");
  assert.equal(L.fileName("", ".svg"), "map.svg");
  assert.equal(L.fileName("\u00c9vil </script>", ".svg"), "vil-script.svg");
  assert.equal(L.fileName("x".repeat(80), ".png").length, 64);
});

test("wrap: words to lines of at most the width, a long word alone", () => {
  assert.deepEqual(L.wrap("Pool health and social care budgets", 12), ["Pool health", "and social", "care budgets"]);
  assert.deepEqual(L.wrap("Supercalifragilistic x", 5), ["Supercalifragilistic", "x"]);
  assert.deepEqual(L.wrap("", 5), []);
});

test("readableScale: no tier of labels caught in vis's one-pixel fade", () => {
  assert.equal(L.readableScale(1, [10, 14], 8), 1);
  const s = L.readableScale(0.75, [10, 14], 8);   // 10 x 0.75 = 7.5: half-faded, so lowered
  assert.ok(s < 0.7 && 10 * s <= 7, String(s));
  assert.equal(L.readableScale(0.5, [10], 8), 0.5);   // 5: not drawn at all, nothing to fix
});

test("the link's fragment: a state written and read back", () => {
  const s = L.freshState();
  assert.equal(L.stateToHash(s, null), "");
  Object.assign(s, { source: "https://w3id.org/carekg/id/article-001", year: "2015", range: { from: "2014-01-01", to: "2015-06-30" },
                     rangeHide: true, focus: { root: "kg:a b&c", steps: 2 }, hideIsolated: true, coalition: true, implicitOff: true });
  s.groupsOff.add("person"); s.kindsOff.add("stance:oppose");
  const hash = L.stateToHash(s, { kind: "edge", id: "kg:rel-1" });
  assert.equal(hash, "source=https%3A%2F%2Fw3id.org%2Fcarekg%2Fid%2Farticle-001&year=2015&from=2014-01-01&to=2015-06-30&hide=1" +
                     "&off=g%3Aperson%2Ck%3Aimplicit%2Ck%3Astance%3Aoppose&focus=kg%3Aa%20b%26c&steps=2&isolated=hide&coalitions=1&edge=kg%3Arel-1");
  assert.deepEqual(L.parseHash("#" + hash), { source: "https://w3id.org/carekg/id/article-001", year: "2015", from: "2014-01-01",
    to: "2015-06-30", hide: "1", off: "g:person,k:implicit,k:stance:oppose", focus: "kg:a b&c", steps: "2", isolated: "hide",
    coalitions: "1", edge: "kg:rel-1" });
  assert.deepEqual(L.parseHash("#a=%E0%A4%A&b=2&flag&&"), { b: "2", flag: "" });   // a broken escape is dropped
  assert.deepEqual(L.parseHash(""), {});
});
