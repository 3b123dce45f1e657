/* carekg influence map: the logic without a page.  Names (folding, similarity, ranking and
 * resolving, as graph.kg.names does), dates (ranges and the intervals claims allow), filters
 * (which nodes and edges a view shows), coalition order, source lines, file names and the
 * shareable link's fragment.  Nothing here touches the DOM, vis-network or the window: in the
 * page it is the global carekgLogic, in Node a CommonJS module (tests/map/js/, node --test). */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.carekgLogic = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* ---------------- names: ranked exactly as graph.kg.names ranks them ---------------- */
  var MATCH_TIERS = ["iri", "label", "alias", "folded", "the", "words", "fuzzy"], RESOLVING = 5;

  /* graph.kg.names.fold: NFKD, no marks, lower case, no apostrophes, runs of anything else
     that is not a letter or digit become one space */
  function fold(text, apostrophes) {
    var out = "";
    Array.from(String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()).forEach(function (ch) {
      if (apostrophes.indexOf(ch) < 0) out += /[\p{L}\p{N}]/u.test(ch) ? ch : " ";
    });
    return out.split(" ").filter(Boolean).join(" ");
  }
  /* 1 - Levenshtein distance / longer length, over code points */
  function similarity(a, b) {
    if (a === b) return 1;
    a = Array.from(a); b = Array.from(b);
    if (!a.length || !b.length) return 0;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return 1 - prev[b.length] / Math.max(a.length, b.length);
  }
  /* "kg:x" -> the full IRI, when the prefix is known; else null */
  function expand(text, prefixes) {
    var i = text.indexOf(":"), p = text.slice(0, i);
    return i >= 0 && Object.prototype.hasOwnProperty.call(prefixes, p) ? prefixes[p] + text.slice(i + 1) : null;
  }
  /* a full IRI as "prefix:local" when a known namespace starts it; else "<iri>" */
  function curie(iri, prefixes) {
    var hit = Object.keys(prefixes).filter(function (p) {
      var ns = prefixes[p]; return iri.indexOf(ns) === 0 && iri.length > ns.length; })[0];
    return hit ? hit + ":" + iri.slice(prefixes[hit].length) : "<" + iri + ">";
  }
  /* the search index's [id, label, type, aliases, instance] rows as entries to match */
  function entries(rows) {
    return rows.map(function (r) {
      return { id: r[0], label: r[1], type: r[2], instance: r[4],
               keys: [[r[1], "label"]].concat(r[3].map(function (a) { return [a, "alias"]; })) };
    });
  }
  function match(e, how, score, len) {
    return { id: e.id, label: e.label, type: e.type, instance: e.instance, how: how,
             rank: [MATCH_TIERS.indexOf(how), e.instance ? 0 : 1, -Math.round(score * 1e6) / 1e6,
                    len === undefined ? Array.from(e.label).length : len, e.label, e.id] };
  }
  /* graph.text.fuzzy.without_article: a folded name without a leading "the" */
  function withoutArticle(folded) { return folded.indexOf("the ") === 0 ? folded.slice(4) : folded; }
  function matchKey(e, name, kind, q, search) {
    if (q.iri === e.id) return match(e, "iri", 1);
    if (q.text === name) return match(e, kind, 1);
    var key = fold(name, search.apostrophes);
    if (!q.folded || !key) return null;
    if (q.folded === key) return match(e, "folded", 1);
    key = withoutArticle(key);   // "The King's Fund" is "King's Fund"
    if (q.core === key) return match(e, "the", 1);
    var tokens = key.split(" ");
    if (q.words.every(function (w) { return tokens.some(function (t) { return t.indexOf(w) === 0; }); }))
      return match(e, "words", q.words.length / tokens.length);
    var score = similarity(q.core, key);
    return score >= search.fuzzy ? match(e, "fuzzy", score) : null;
  }
  function matchIri(e, text, search) {   /* a mistyped or partial IRI or CURIE */
    var short = e.id.indexOf("://") >= 0 ? curie(e.id, search.prefixes) : e.id;
    var score = Math.max(similarity(text, short), similarity(text, e.id));
    var how = short.indexOf(text) === 0 || e.id.indexOf(text) === 0 ? "words" : score >= search.fuzzy ? "fuzzy" : null;
    if (!how) return null;
    return match(e, how, how === "words" ? Array.from(text).length / Array.from(short).length : score, Array.from(short).length);
  }
  function before(a, b) {
    for (var i = 0; i < a.rank.length; i++) {
      if (a.rank[i] < b.rank[i]) return -1;
      if (a.rank[i] > b.rank[i]) return 1;
    }
    return 0;
  }
  /* graph.kg.names.Names.matches: the best match of each entry, best first, at most `limit`.
     `search` is {prefixes, apostrophes, fuzzy}, as render.py writes it into the page. */
  function matches(index, search, text, limit) {
    text = String(text || "").trim();
    if (text.charAt(0) === "<" && text.charAt(text.length - 1) === ">") text = text.slice(1, -1);
    var folded = fold(text, search.apostrophes);
    var core = withoutArticle(folded);
    var q = { text: text, iri: expand(text, search.prefixes) || text, folded: folded, core: core,
              words: core.split(" ").filter(Boolean) };
    var best = [];
    index.forEach(function (e) {
      var found = null;
      e.keys.forEach(function (k) {
        var m = matchKey(e, k[0], k[1], q, search);
        if (m && (!found || before(m, found) < 0)) found = m;
      });
      if (!found && text.indexOf(":") >= 0) found = matchIri(e, text, search);
      if (found) best.push(found);
    });
    return best.sort(before).slice(0, limit || 10);
  }
  /* graph.kg.names.Names.resolve: only a clear name picks a node (one best match in a tier
     above "words", not tied with another of the same tier and kind); a name picked from the
     suggestion list (`picked`: display name -> id) always does */
  function resolve(index, search, text, picked) {
    text = String(text || "").trim();
    if (picked && picked.has(text)) return { id: picked.get(text), matches: [] };
    var found = matches(index, search, text), top = found[0];
    var tied = found.filter(function (m) { return top && m.how === top.how && m.instance === top.instance; });
    return { id: top && MATCH_TIERS.indexOf(top.how) < RESOLVING && tied.length === 1 ? top.id : null, matches: found };
  }
  /* the suggestion list's names, one per node, in label order: a label that several nodes
     share gets its type, and one that still clashes its id; returns {names: [[name, id]...],
     byId: {id: name}} */
  function displayNames(nodes) {
    var count = {}, seen = new Set(), names = [], byId = {};
    nodes.forEach(function (n) { count[n.name] = (count[n.name] || 0) + 1; });
    nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (n) {
      var name = count[n.name] > 1 ? n.name + " (" + n.typeLabel + ")" : n.name;
      if (seen.has(name)) name = name + " [" + n.id + "]";
      seen.add(name);
      names.push([name, n.id]);
      byId[n.id] = name;
    });
    return { names: names, byId: byId };
  }
  /* what the search box says when no name was clear */
  function searchStatus(text, found) {
    return found.length
      ? found.length + " possible match" + (found.length > 1 ? "es" : "") + " for \u201c" + text + "\u201d: choose one"
      : "No match for \u201c" + text + "\u201d";
  }

  /* ---------------- dates ---------------- */
  function lastDay(month) {   // "2015-02" -> "2015-02-28"
    var y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
    return month + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
  }
  function day(text, end) {   // "2015", "2015-06" or "2015-06-05" -> the first (or last) day; else ""
    text = String(text || "").trim();
    if (/^\d{4}$/.test(text)) return text + (end ? "-12-31" : "-01-01");
    if (/^\d{4}-\d{2}$/.test(text)) return end ? lastDay(text) : text + "-01";
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    return "";
  }
  /* the range of days from `from` to `to` (years, months or days, either may be empty and then
     reaches the first or last month of `months` {min, max}), in order; null when both are empty */
  function rangeOf(from, to, months) {
    var lo = day(from, false), hi = day(to, true);
    if (!lo && !hi) return null;
    months = months || { min: "0000-01", max: "9999-12" };
    var range = { from: lo || months.min + "-01", to: hi || lastDay(months.max) };
    return range.from > range.to ? { from: range.to, to: range.from } : range;
  }
  /* a claim is inside a range when the interval its text allows overlaps it (ISO days compare
     as text); a past recalled without a start reaches back without end; an undated claim
     cannot be placed, so it counts as outside; no range keeps everything */
  function inRange(e, range) {
    if (!range) return true;
    if (!e.latest) return false;
    return e.latest >= range.from && (!e.earliest || e.earliest <= range.to);
  }

  /* ---------------- filters: what a view shows ---------------- */
  /* the view's state, as the controls set it */
  function freshState() {
    return { groupsOff: new Set(), kindsOff: new Set(), implicitOff: false, source: "", year: "", focus: null,
             coalition: false, range: null, rangeHide: false, hideIsolated: false, highlight: null };
  }
  /* whether an edge passes the relation, source, date and year filters (not the node filters) */
  function edgePasses(e, state) {
    if (state.kindsOff.has(e.legend) || (e.implicit && state.implicitOff)) return false;
    if (state.source && e.article !== state.source) return false;
    if (state.range && state.rangeHide && !inRange(e, state.range)) return false;
    // A year shows the edges whose interval may fall in it (overlaps it); a past recalled
    // without a start (firstYear null) may fall in any year up to its last.
    if (state.year === "undated") return e.lastYear === null || e.lastYear === undefined;
    if (state.year) {
      var y = Number(state.year);
      if (e.lastYear === null || e.lastYear === undefined || e.lastYear < y) return false;
      if (e.firstYear !== null && e.firstYear !== undefined && e.firstYear > y) return false;
    }
    return true;
  }
  /* node id -> the edges at it (a self-loop once) */
  function adjacency(nodes, edges) {
    var adj = {};
    nodes.forEach(function (n) { adj[n.id] = []; });
    edges.forEach(function (e) {
      adj[e.from].push(e);
      if (e.to !== e.from) adj[e.to].push(e);
    });
    return adj;
  }
  /* the ids of the nodes a view shows: the node families not hidden; with a source, year or
     hiding date range, only nodes that keep a passing relation (or cite the source); with a
     focus, the nodes within its steps (ignoring direction); with hideIsolated, none left
     without a passing relation to another shown node (the focus root stays) */
  function shownNodes(nodes, edges, adj, state) {
    var ok = new Set();
    nodes.forEach(function (n) { if (!state.groupsOff.has(n.family)) ok.add(n.id); });
    if (state.source || state.year || (state.range && state.rangeHide)) {
      var touched = new Set();
      edges.forEach(function (e) {
        if (edgePasses(e, state) && ok.has(e.from) && ok.has(e.to)) { touched.add(e.from); touched.add(e.to); }
      });
      if (state.source) nodes.forEach(function (n) {
        if ((n.sources || []).indexOf(state.source) >= 0) touched.add(n.id);
      });
      ok.forEach(function (id) { if (!touched.has(id)) ok.delete(id); });
    }
    if (state.focus && ok.has(state.focus.root)) {   // breadth-first, ignoring direction
      var roots = focusRoots(nodes, adj, state.focus.root).filter(function (id) { return ok.has(id); });
      var seen = new Set(roots), frontier = roots;
      for (var step = 0; step < state.focus.steps; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adj[id].forEach(function (e) {
            var other = e.from === id ? e.to : e.from;
            if (!seen.has(other) && ok.has(other) && edgePasses(e, state)) { seen.add(other); next.push(other); }
          });
        });
        frontier = next;
      }
      ok = seen;
    }
    if (state.hideIsolated) {
      var linked = new Set();
      edges.forEach(function (e) {
        if (e.from !== e.to && ok.has(e.from) && ok.has(e.to) && edgePasses(e, state)) { linked.add(e.from); linked.add(e.to); }
      });
      ok.forEach(function (id) { if (!linked.has(id) && !(state.focus && state.focus.root === id)) ok.delete(id); });
    }
    return ok;
  }
  /* where a focus starts: the node, and each proposal about it (a "topic" relation from the
     proposal to the node: "The Better Care Fund" people take stances on, for the fund), so that
     focusing on a thing shows who argues over it as focusing on the proposal does */
  function focusRoots(nodes, adj, root) {
    var family = {};
    nodes.forEach(function (n) { family[n.id] = n.family; });
    var out = [root];
    (adj[root] || []).forEach(function (e) {
      if (e.legend === "topic" && e.to === root && e.from !== root && family[e.from] === "proposal" && out.indexOf(e.from) < 0) out.push(e.from);
    });
    return out;
  }
  /* the shown nodes whose labels are drawn at every zoom: the most connected among those shown
     (counting the relations the filters let through), at least `least` of them and `share` of
     the rest, ties by id, so a small view labels every node and a big one its hubs */
  function alwaysLabelled(nodes, edges, shown, state, least, share) {
    var degree = {};
    edges.forEach(function (e) {
      if (e.from === e.to || !shown.has(e.from) || !shown.has(e.to) || !edgePasses(e, state)) return;
      degree[e.from] = (degree[e.from] || 0) + 1;
      degree[e.to] = (degree[e.to] || 0) + 1;
    });
    var ids = nodes.map(function (n) { return n.id; }).filter(function (id) { return shown.has(id); });
    ids.sort(function (a, b) { return (degree[b] || 0) - (degree[a] || 0) || String(a).localeCompare(String(b)); });
    return new Set(ids.slice(0, Math.max(least, Math.ceil(share * ids.length))));
  }
  /* the steps of a focus: a whole number from 1 to 6 (1 for anything else) */
  function focusSteps(steps) { return Math.max(1, Math.min(6, parseInt(steps, 10) || 1)); }

  /* ---------------- coalitions ---------------- */
  /* the coalitions as the legend lists them: the groupings of two or more actors in the order of
     their ids (numbered from 1, largest first, by the library), and apart the ids of the actors
     who agree with nobody (groupings of one); each id's member count */
  function coalitionOrder(members, summaries) {
    var size = {}, counts = {}, seen = [];
    (summaries || []).forEach(function (s) { if (s) size[String(s.id)] = s.size; });
    Object.keys(members).forEach(function (k) {
      var cid = members[k];
      if (!(cid in counts)) { counts[cid] = 0; seen.push(cid); }
      counts[cid]++;
    });
    var big = function (cid) { var n = size[String(cid)]; return (n === undefined ? counts[cid] : n) > 1; };
    var byId = function (a, b) { return Number(a) - Number(b) || String(a).localeCompare(String(b)); };
    return { order: seen.filter(big).sort(byId), lone: seen.filter(function (c) { return !big(c); }).sort(byId), counts: counts };
  }

  /* ---------------- sources, names of files, labels ---------------- */
  function localName(iri) { return String(iri || "").replace(/^.*[#\/]/, ""); }
  /* what the details panel says of a source article, with what it does not state said so */
  function sourceBits(sources, iri) {
    var s = sources[iri] || {};
    return { title: s.title || s.label || localName(iri) || "source not stated",
             publisher: s.publisher || "publisher not stated", author: s.author || "",
             date: s.date ? s.date + (s.date_is_estimate ? " (estimated)" : "") : "date not stated" };
  }
  function sourceLine(s) {
    return [s.publisher, s.author ? "by " + s.author : "", s.date].filter(Boolean).join(" \u00b7 ");
  }
  /* a download's name: the title's letters and digits, dashed, lower case, at most 60, + ext */
  function fileName(title, ext) {
    return (title || "map").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60) + ext;
  }
  /* words to lines of at most `width` characters, as vis wraps labels (a longer word keeps a line) */
  function wrap(text, width) {
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; } else line = line ? line + " " + w : w;
    });
    if (line) lines.push(line);
    return lines;
  }
  /* a zoom that catches no tier of label font sizes half-faded: vis fades labels in over one
     pixel below `threshold` (font size x scale), so such a scale is lowered a hair */
  function readableScale(scale, tiers, threshold) {
    tiers.forEach(function (f) { if (f * scale > threshold - 1 && f * scale < threshold) scale = (threshold - 1) / f - 0.001; });
    return scale;
  }

  /* ---------------- what an export says of the view ---------------- */
  /* the caption of an exported drawing, as lines: what is shown of what, the filters in words
     (every one the state holds, or "none"), and the dates it covers.  `info`: view, counts
     {nodes, edges, shownNodes, shownEdges}, months {min, max} of the dated claims, scope (what a
     big map left out), coalitionFilters, and functions naming a source, node, family and kind */
  function viewCaption(state, info) {
    var c = info.counts, name = function (f, x) { return (info[f] && info[f](x)) || String(x); };
    var lines = ["Showing " + c.shownNodes + " of " + c.nodes + " nodes and " + c.shownEdges + " of " + c.edges +
                 " relations" + (info.view ? " of the " + info.view + " view" : "") + "."];
    var f = [];
    if (state.source) f.push("only the claims of " + name("sourceTitle", state.source));
    if (state.year) f.push(state.year === "undated" ? "only undated claims" : "only claims that may fall in " + state.year);
    var hidden = [];
    Array.from(state.groupsOff).sort().forEach(function (g) { hidden.push(name("groupLabel", g)); });
    Array.from(state.kindsOff).sort().forEach(function (k) { hidden.push(name("kindLabel", k)); });
    if (state.implicitOff) hidden.push("implicit readings");
    if (hidden.length) f.push("hidden: " + hidden.join(", "));
    if (state.focus) f.push("within " + state.focus.steps + " step" + (state.focus.steps > 1 ? "s" : "") + " of " + name("nodeName", state.focus.root));
    if (state.hideIsolated) f.push("nodes left without relations hidden");
    if (state.coalition) f.push("coloured by coalition" + (info.coalitionFilters ? " (" + info.coalitionFilters + ")" : ""));
    lines.push("Filters: " + (f.length ? f.join("; ") : "none") + ".");
    var m = info.months;
    var dates = state.range ? "claims dated " + state.range.from.slice(0, 7) + " to " + state.range.to.slice(0, 7) +
      " shown" + (state.rangeHide ? "; the others hidden" : "; the others faded") : "all" + (m ? " (the dated claims run from " + m.min + " to " + m.max + ")" : "");
    lines.push("Dates: " + dates + ".");
    if (info.scope) lines.push(info.scope);
    return lines;
  }
  /* the legend of what is shown: the node families and relation kinds that occur among the shown
     nodes and the relations the filters let through, in the legend's order, and whether an
     implicit reading is among them */
  function shownLegend(legend, nodes, edges, shown, state) {
    var families = new Set(), kinds = new Set(), implicit = false;
    nodes.forEach(function (n) { if (shown.has(n.id)) families.add(n.family); });
    edges.forEach(function (e) {
      if (!shown.has(e.from) || !shown.has(e.to) || !edgePasses(e, state)) return;
      kinds.add(e.legend);
      if (e.implicit) implicit = true;
    });
    return { groups: legend.groups.filter(function (g) { return families.has(g.key); }),
             kinds: legend.kinds.filter(function (k) { return kinds.has(k.key); }), implicit: implicit };
  }

  /* ---------------- the shareable link: state <-> URL fragment ---------------- */
  /* the fragment that describes a view (`item`: what the details panel shows, or null) */
  function stateToHash(s, item) {
    var parts = [];
    function put(k, v) { parts.push(k + "=" + encodeURIComponent(v)); }
    if (s.source) put("source", s.source);
    if (s.year) put("year", s.year);
    if (s.range) { put("from", s.range.from); put("to", s.range.to); if (s.rangeHide) put("hide", "1"); }
    var off = [];
    s.groupsOff.forEach(function (g) { off.push("g:" + g); });
    s.kindsOff.forEach(function (k) { off.push("k:" + k); });
    if (s.implicitOff) off.push("k:implicit");
    if (off.length) put("off", off.sort().join(","));
    if (s.focus) { put("focus", s.focus.root); put("steps", s.focus.steps); }
    if (s.hideIsolated) put("isolated", "hide");
    if (s.coalition) put("coalitions", "1");
    if (item) put(item.kind === "node" ? "node" : "edge", item.id);
    return parts.join("&");
  }
  /* "#a=1&b=x%20y" -> {a: "1", b: "x y"}; a broken escape drops its pair */
  function parseHash(text) {
    var out = {};
    String(text || "").replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      try { out[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1)); } catch (err) { /* ignored */ }
    });
    return out;
  }

  return {
    MATCH_TIERS: MATCH_TIERS, fold: fold, withoutArticle: withoutArticle, similarity: similarity, expand: expand, curie: curie,
    entries: entries,
    matches: matches, resolve: resolve, displayNames: displayNames, searchStatus: searchStatus,
    lastDay: lastDay, day: day, rangeOf: rangeOf, inRange: inRange,
    freshState: freshState, edgePasses: edgePasses, adjacency: adjacency, shownNodes: shownNodes, focusRoots: focusRoots,
    alwaysLabelled: alwaysLabelled, viewCaption: viewCaption, shownLegend: shownLegend,
    focusSteps: focusSteps,
    coalitionOrder: coalitionOrder, localName: localName, sourceBits: sourceBits, sourceLine: sourceLine,
    fileName: fileName, wrap: wrap, readableScale: readableScale, stateToHash: stateToHash, parseHash: parseHash
  };
});
