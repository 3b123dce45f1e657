/* carekg influence map.  Data arrives as JSON in #carekg-data; everything that comes from the
 * data is put into the page with textContent or DOM properties, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("carekg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var SVGNS = "http://www.w3.org/2000/svg";

  /* el("p", {className: "x"}, "text", childNode, ...): text children become text nodes. */
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node[k] = props[k]; });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var baseColor = {};
  DATA.nodes.forEach(function (n) { baseColor[n.id] = n.color; });
  var adj = {};
  DATA.nodes.forEach(function (n) { adj[n.id] = []; });
  DATA.edges.forEach(function (e) {
    adj[e.from].push(e);
    if (e.to !== e.from) adj[e.to].push(e);
  });

  var state = { groupsOff: new Set(), kindsOff: new Set(), implicitOff: false,
                source: "", year: "", focus: null, coalition: false,
                range: null, rangeHide: false, hideIsolated: false, highlight: null };
  var shown = new Set();
  var listeners = [];   // told after every change of view (the shareable link listens)

  /* the date range: a claim is inside when the interval its text allows overlaps [from, to]
     (ISO days compare as text); a past recalled without a start reaches back without end; an
     undated claim cannot be placed, so it counts as outside */
  function inRange(e) {
    if (!state.range) return true;
    if (!e.latest) return false;
    return e.latest >= state.range.from && (!e.earliest || e.earliest <= state.range.to);
  }

  function edgePasses(e) {
    if (state.kindsOff.has(e.legend) || (e.implicit && state.implicitOff)) return false;
    if (state.source && e.article !== state.source) return false;
    if (state.range && state.rangeHide && !inRange(e)) return false;
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
  function computeShown() {
    var ok = new Set();
    DATA.nodes.forEach(function (n) { if (!state.groupsOff.has(n.family)) ok.add(n.id); });
    if (state.source || state.year || (state.range && state.rangeHide)) {   // keep nodes that still have a relation (or cite the source)
      var touched = new Set();
      DATA.edges.forEach(function (e) {
        if (edgePasses(e) && ok.has(e.from) && ok.has(e.to)) { touched.add(e.from); touched.add(e.to); }
      });
      if (state.source) DATA.nodes.forEach(function (n) {
        if ((n.sources || []).indexOf(state.source) >= 0) touched.add(n.id);
      });
      ok.forEach(function (id) { if (!touched.has(id)) ok.delete(id); });
    }
    if (state.focus && ok.has(state.focus.root)) {   // breadth-first, ignoring direction
      var seen = new Set([state.focus.root]), frontier = [state.focus.root];
      for (var step = 0; step < state.focus.steps; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adj[id].forEach(function (e) {
            var other = e.from === id ? e.to : e.from;
            if (!seen.has(other) && ok.has(other) && edgePasses(e)) { seen.add(other); next.push(other); }
          });
        });
        frontier = next;
      }
      ok = seen;
    }
    if (state.hideIsolated) {   // nodes the filters left without a relation to another shown node
      var linked = new Set();
      DATA.edges.forEach(function (e) {
        if (e.from !== e.to && ok.has(e.from) && ok.has(e.to) && edgePasses(e)) { linked.add(e.from); linked.add(e.to); }
      });
      ok.forEach(function (id) { if (!linked.has(id) && !(state.focus && state.focus.root === id)) ok.delete(id); });
    }
    shown = ok;
  }
  computeShown();
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return shown.has(n.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (e) {
    return shown.has(e.from) && shown.has(e.to) && edgePasses(e);
  } });

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: true, multiselect: false,
                   keyboard: { enabled: true, bindToWindow: false }, hideEdgesOnDrag: false },
    nodes: { borderWidth: 1.5, borderWidthSelected: 3, widthConstraint: { maximum: 150 },
             scaling: { label: { drawThreshold: 8 } },
             font: { size: 15, face: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
                     color: "#1f2328", strokeWidth: 4, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.55 } }, arrowStrikethrough: false,
             selectionWidth: 2, hoverWidth: 1,
             font: { size: 11, color: "#3d444d", strokeWidth: 0, background: "rgba(255,255,255,0.85)" },
             scaling: { label: { drawThreshold: 20 } } }
  };
  var container = $("map");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  network.on("beforeDrawing", function (ctx) {   // white, not transparent, for PNG export
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });

  /* ---------------- names, search: ranked exactly as graph.names ranks them ---------------- */
  var nameToId = new Map(), idToName = {};
  var labelCount = {};
  DATA.nodes.forEach(function (n) { labelCount[n.name] = (labelCount[n.name] || 0) + 1; });
  DATA.nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (n) {
    var name = labelCount[n.name] > 1 ? n.name + " (" + n.typeLabel + ")" : n.name;
    if (nameToId.has(name)) name = name + " [" + n.id + "]";
    nameToId.set(name, n.id);
    idToName[n.id] = name;
    $("node-names").appendChild(el("option", { value: name }));
  });
  var MATCH_TIERS = ["iri", "label", "alias", "folded", "words", "fuzzy"], RESOLVING = 4;
  var SEARCH = DATA.search;
  var ENTRIES = DATA.names.map(function (r) {
    return { id: r[0], label: r[1], type: r[2], instance: r[4],
             keys: [[r[1], "label"]].concat(r[3].map(function (a) { return [a, "alias"]; })) };
  });
  function fold(text) {   /* graph.names.fold: NFKD, no marks, lower case, no apostrophes, words */
    var out = "";
    Array.from(String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()).forEach(function (ch) {
      if (SEARCH.apostrophes.indexOf(ch) < 0) out += /[\p{L}\p{N}]/u.test(ch) ? ch : " ";
    });
    return out.split(" ").filter(Boolean).join(" ");
  }
  function similarity(a, b) {   /* 1 - Levenshtein distance / longer length, over code points */
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
  function expand(text) {
    var i = text.indexOf(":"), p = text.slice(0, i);
    return i >= 0 && Object.prototype.hasOwnProperty.call(SEARCH.prefixes, p) ? SEARCH.prefixes[p] + text.slice(i + 1) : null;
  }
  function curie(iri) {
    var hit = Object.keys(SEARCH.prefixes).filter(function (p) {
      var ns = SEARCH.prefixes[p]; return iri.indexOf(ns) === 0 && iri.length > ns.length; })[0];
    return hit ? hit + ":" + iri.slice(SEARCH.prefixes[hit].length) : "<" + iri + ">";
  }
  function match(e, how, score, len) {
    return { id: e.id, label: e.label, type: e.type, instance: e.instance, how: how,
             rank: [MATCH_TIERS.indexOf(how), e.instance ? 0 : 1, -Math.round(score * 1e6) / 1e6,
                    len === undefined ? Array.from(e.label).length : len, e.label, e.id] };
  }
  function matchKey(e, name, kind, q) {
    if (q.iri === e.id) return match(e, "iri", 1);
    if (q.text === name) return match(e, kind, 1);
    var key = fold(name);
    if (!q.folded || !key) return null;
    if (q.folded === key) return match(e, "folded", 1);
    var tokens = key.split(" ");
    if (q.words.every(function (w) { return tokens.some(function (t) { return t.indexOf(w) === 0; }); }))
      return match(e, "words", q.words.length / tokens.length);
    var score = similarity(q.folded, key);
    return score >= SEARCH.fuzzy ? match(e, "fuzzy", score) : null;
  }
  function matchIri(e, text) {   /* a mistyped or partial IRI or CURIE */
    var short = e.id.indexOf("://") >= 0 ? curie(e.id) : e.id;
    var score = Math.max(similarity(text, short), similarity(text, e.id));
    var how = short.indexOf(text) === 0 || e.id.indexOf(text) === 0 ? "words" : score >= SEARCH.fuzzy ? "fuzzy" : null;
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
  function matches(text, limit) {
    text = String(text || "").trim();
    if (text.charAt(0) === "<" && text.charAt(text.length - 1) === ">") text = text.slice(1, -1);
    var folded = fold(text);
    var q = { text: text, iri: expand(text) || text, folded: folded, words: folded.split(" ").filter(Boolean) };
    var best = [];
    ENTRIES.forEach(function (e) {
      var found = null;
      e.keys.forEach(function (k) {
        var m = matchKey(e, k[0], k[1], q);
        if (m && (!found || before(m, found) < 0)) found = m;
      });
      if (!found && text.indexOf(":") >= 0) found = matchIri(e, text);
      if (found) best.push(found);
    });
    return best.sort(before).slice(0, limit || 10);
  }
  function resolveName(text) {   /* graph.names.Names.resolve: only a clear name picks a node */
    text = String(text || "").trim();
    if (nameToId.has(text)) return { id: nameToId.get(text), matches: [] };   // picked from the list
    var found = matches(text), top = found[0];
    var tied = found.filter(function (m) { return top && m.how === top.how && m.instance === top.instance; });
    return { id: top && MATCH_TIERS.indexOf(top.how) < RESOLVING && tied.length === 1 ? top.id : null, matches: found };
  }
  function findNode(text) { return resolveName(text).id; }
  function selectAndFocus(id) {
    if (!shown.has(id)) resetAll(true);
    network.selectNodes([id]);
    highlight(id);
    showNode(id);   // opens the panel: centre the actor in the part of the map left visible
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 },
                        offset: { x: -Math.min(170, $("details").offsetWidth / 2), y: 0 } });
  }
  function hideChoices() {
    var list = $("search-results");
    while (list.firstChild) list.removeChild(list.firstChild);
    list.hidden = true;
  }
  function showChoices(found) {   /* never a silent first hit: the ranked candidates to pick from */
    var list = $("search-results");
    hideChoices();
    found.forEach(function (m) {
      var b = el("button", { type: "button", className: "choice" }, m.label, el("small", {}, " " + m.type));
      b.dataset.id = m.id;
      b.addEventListener("click", function () { hideChoices(); $("search-status").textContent = ""; selectAndFocus(m.id); });
      list.appendChild(el("li", {}, b));
    });
    list.hidden = false;
  }
  function search(text) {
    text = String(text || "").trim();
    hideChoices();
    if (!text) { $("search-status").textContent = ""; return null; }
    var r = resolveName(text);
    if (r.id !== null) { $("search-status").textContent = ""; selectAndFocus(r.id); return r.id; }
    $("search-status").textContent = r.matches.length
      ? r.matches.length + " possible match" + (r.matches.length > 1 ? "es" : "") + " for \u201c" + text + "\u201d: choose one"
      : "No match for \u201c" + text + "\u201d";
    if (r.matches.length) showChoices(r.matches);
    return null;
  }
  $("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search($("search").value); });
  $("search").addEventListener("input", function () {
    if (nameToId.has(this.value)) search(this.value);   // picked from the suggestion list
  });

  /* ---------------- details panel ---------------- */
  var panel = $("details-body");
  function localName(iri) { return String(iri || "").replace(/^.*[#\/]/, ""); }
  function sourceBits(iri) {
    var s = DATA.sources[iri] || {};
    return { title: s.title || s.label || localName(iri) || "source not stated",
             publisher: s.publisher || "publisher not stated", author: s.author || "",
             date: s.date ? s.date + (s.date_is_estimate ? " (estimated)" : "") : "date not stated" };
  }
  function sourceLine(s) {
    return [s.publisher, s.author ? "by " + s.author : "", s.date].filter(Boolean).join(" \u00b7 ");
  }
  function jump(id, text) {
    var a = el("a", { className: "jump", tabIndex: 0 }, text);
    a.addEventListener("click", function () {
      if (nodes.get(id)) { selectAndFocus(id); return; }
      if (edgesView.get(id)) network.selectEdges([id]);   // a filtered-out edge cannot be selected
      unhighlight();
      showEdge(id);
    });
    return a;
  }
  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    $("details").hidden = false;
    $("details").scrollTop = 0;
  }
  var panelItem = null;   // what the details panel shows: {kind: "node" | "edge", id}
  function closePanel() { $("details").hidden = true; panelItem = null; changed(); }
  $("details-close").addEventListener("click", function () { closePanel(); network.unselectAll(); unhighlight(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closePanel(); network.unselectAll(); unhighlight(); }
  });
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    clearPanel();
    panelItem = { kind: "node", id: id };
    changed();
    $("focus-node").value = idToName[id];
    panel.appendChild(el("h2", { id: "details-title" }, n.name));
    panel.appendChild(el("p", { className: "kind" }, n.typeLabel, " \u00b7 ", n.degree + " relation(s)"));
    panel.appendChild(el("p", { className: "iri" }, n.iri));
    panel.appendChild(el("h3", {}, "Sourced facts"));
    if (!n.facts.length) panel.appendChild(el("p", { className: "none" }, "No facts recorded."));
    var ul = panel.appendChild(el("ul", { className: "facts" })), groups = new Map();
    n.facts.forEach(function (f) {   // one entry per statement (graph.describe.Fact), with every source
      var text = f.text;
      if (!groups.has(text)) {
        var li = ul.appendChild(el("li", { className: "fact" }, el("strong", {}, text)));
        groups.set(text, li.appendChild(el("ul", { className: "cites" })));
      }
      var s = sourceBits(f.source);
      groups.get(text).appendChild(el("li", {},
        el("div", { className: "src" }, s.title + " (" + sourceLine(s) + ")" +
           (f.when ? ", " + f.when : (f.date ? ", dated " + f.date : ""))),
        f.qualifiers ? el("div", { className: "quals" }, f.qualifiers) : null,
        f.evidence ? el("blockquote", {}, "\u201c" + f.evidence + "\u201d") : null));
    });
    panel.appendChild(el("h3", {}, "Sources"));
    var us = panel.appendChild(el("ul"));
    (n.sources || []).forEach(function (iri) {
      var s = sourceBits(iri);
      us.appendChild(el("li", {}, s.title, el("div", { className: "src" }, sourceLine(s))));
    });
    if (!(n.sources || []).length) panel.appendChild(el("p", { className: "none" }, "No source listed."));
    panel.appendChild(el("h3", {}, "Relations"));
    var ur = panel.appendChild(el("ul"));
    adj[id].slice(0, 60).forEach(function (e) {
      var out = e.from === id, other = nodes.get(out ? e.to : e.from);
      ur.appendChild(el("li", {}, jump(e.id, (out ? "" : other.name + " ") + e.relationLabel +
        (out ? " " + other.name : " this")), e.when ? " (" + e.when + ")" : (e.year ? " (" + e.year + ")" : "")));
    });
    if (adj[id].length > 60) panel.appendChild(el("p", { className: "none" }, (adj[id].length - 60) + " more not listed."));
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    clearPanel();
    panelItem = { kind: "edge", id: id };
    changed();
    var a = nodes.get(e.from), b = nodes.get(e.to), s = sourceBits(e.article);
    panel.appendChild(el("h2", { id: "details-title" }, a.name + " \u2192 " + e.relationLabel + " \u2192 " + b.name));
    panel.appendChild(el("p", { className: "kind" }, "Relation: " + e.relationLabel +
      (e.label && e.label !== e.relationLabel ? " (" + e.label + ")" : "")));
    var dl = panel.appendChild(el("dl"));
    function row(k, v) { dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, v)); }
    row("From", jump(a.id, a.name));
    row("To", jump(b.id, b.name));
    if (e.position) {   // the position's words and colour, as the legend (styles.json) draws it
      var pos = el("span", { className: "pos" }, e.relationLabel);
      var style = DATA.legend.kinds.filter(function (k) { return k.key === e.legend; })[0];
      if (style) pos.style.color = style.color;
      row("Stance", pos);
    }
    if (e.implicit) row("Implicit", "yes: inferred from the text, not stated outright");
    row("Date", e.when || e.date || (e.year ? String(e.year) : "not stated"));
    if (e.recalled) row("Recalled", "yes: the article looks back on it, not a statement made at its date");
    if (e.scope) row("Scope", "only " + e.scope);
    if (e.relation) row("Property", el("span", { className: "iri" }, e.relation));
    panel.appendChild(el("h3", {}, "Source"));
    var src = panel.appendChild(el("dl", { id: "details-source" }));
    src.appendChild(el("dt", {}, "Article")); src.appendChild(el("dd", {}, s.title));
    src.appendChild(el("dt", {}, "Publisher")); src.appendChild(el("dd", {}, s.publisher));
    if (s.author) { src.appendChild(el("dt", {}, "Author")); src.appendChild(el("dd", {}, s.author)); }
    src.appendChild(el("dt", {}, "Published")); src.appendChild(el("dd", {}, s.date));
    panel.appendChild(el("h3", {}, "Evidence"));
    panel.appendChild(e.evidence ? el("blockquote", { id: "details-evidence" }, "\u201c" + e.evidence + "\u201d")
                                 : el("p", { className: "none" }, "No evidence phrase recorded."));
  }
  /* how each node and edge looks now: a selected node dims what is not connected to it, and
     with a date range, what falls outside fades (one place decides both) */
  function restyle() {
    var keep = null, keepE = null;
    if (state.highlight !== null) {
      keep = new Set([state.highlight]); keepE = new Set();
      adj[state.highlight].forEach(function (e) { keep.add(e.from); keep.add(e.to); keepE.add(e.id); });
    }
    var dated = null;
    if (state.range && !state.rangeHide) {   // a node fades when none of its shown relations is inside
      dated = new Set();
      DATA.edges.forEach(function (e) { if (inRange(e) && shown.has(e.from) && shown.has(e.to) && edgePasses(e)) { dated.add(e.from); dated.add(e.to); } });
    }
    nodes.update(DATA.nodes.map(function (n) {
      var on = !keep || keep.has(n.id), faded = dated && !dated.has(n.id);
      var opacity = on ? (faded ? 0.25 : 1) : 0.15;
      return { id: n.id, opacity: opacity, font: Object.assign({}, n.font, opacity === 1 ? { color: "#1f2328", strokeColor: "#ffffff" }
                                                           : { color: "rgba(31,35,40," + opacity + ")", strokeColor: "rgba(255,255,255,0.2)" }) };
    }));
    edges.update(DATA.edges.map(function (e) {
      var on = !keepE || keepE.has(e.id), opacity = e.color.opacity;
      if (keepE) opacity = on ? Math.max(0.8, opacity) : 0.06;
      if (state.range && !state.rangeHide && !inRange(e)) opacity = Math.min(opacity, 0.1);
      return { id: e.id, color: Object.assign({}, e.color, { opacity: opacity }),
               scaling: { label: { drawThreshold: keepE && on ? 3 : 20 } } };
    }));
  }
  function highlight(id) { state.highlight = id; restyle(); changed(); }
  function unhighlight() {
    if (state.highlight === null) return;
    state.highlight = null;
    restyle();
    changed();
  }
  network.on("click", function (p) {
    if (p.nodes.length) { highlight(p.nodes[0]); showNode(p.nodes[0]); return; }
    unhighlight();
    if (p.edges.length) showEdge(p.edges[0]); else closePanel();
  });

  /* ---------------- legend = type and relation filters ---------------- */
  function swatch(shape, colour) {
    var s = svg("svg", { width: 16, height: 16, viewBox: "-8 -8 16 16", "aria-hidden": "true" });
    var style = { fill: colour, stroke: "#333", "stroke-width": 0.8 };
    function poly(pts) { return svg("polygon", Object.assign({ points: pts.map(function (p) { return p.join(","); }).join(" ") }, style)); }
    function star() {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var r = i % 2 ? 3 : 7, a = Math.PI / 5 * i - Math.PI / 2;
        pts.push([(r * Math.cos(a)).toFixed(2), (r * Math.sin(a)).toFixed(2)]);
      }
      return poly(pts);
    }
    var shapes = {
      square: function () { return svg("rect", Object.assign({ x: -6, y: -6, width: 12, height: 12 }, style)); },
      diamond: function () { return poly([[0, -7], [7, 0], [0, 7], [-7, 0]]); },
      triangle: function () { return poly([[0, -7], [7, 6], [-7, 6]]); },
      triangleDown: function () { return poly([[0, 7], [7, -6], [-7, -6]]); },
      hexagon: function () { return poly([[-7, 0], [-3.5, -6], [3.5, -6], [7, 0], [3.5, 6], [-3.5, 6]]); },
      star: star
    };
    s.appendChild((shapes[shape] || function () { return svg("circle", Object.assign({ r: 6 }, style)); })());
    return s;
  }
  function lineSample(item, opacity) {
    var s = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    var line = svg("line", { x1: 1, y1: 6, x2: 26, y2: 6, stroke: item.color, "stroke-width": item.width,
                            "stroke-opacity": opacity });
    if (item.dashes) line.setAttribute("stroke-dasharray", item.dashes.join(" "));
    s.appendChild(line);
    s.appendChild(svg("polygon", { points: "25,2 33,6 25,10", fill: item.color, "fill-opacity": opacity }));
    return s;
  }
  function legendItem(list, key, icon, label, count, toggle) {
    var li = el("li", { tabIndex: 0, title: "Click to hide or show" }, icon, el("span", {}, label),
                el("span", { className: "count" }, String(count)));
    li.dataset.key = key;
    li.setAttribute("role", "button");
    li.setAttribute("aria-pressed", "true");
    function flip() {
      var off = toggle();
      li.classList.toggle("off", off);
      li.setAttribute("aria-pressed", String(!off));
      refresh();
    }
    li.addEventListener("click", flip);
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); flip(); } });
    list.appendChild(li);
  }
  function flipSet(set, key) { if (set.has(key)) set.delete(key); else set.add(key); return set.has(key); }
  DATA.legend.groups.forEach(function (g) {
    legendItem($("legend-groups"), g.key, swatch(g.shape, g.color), g.label, g.count,
               function () { return flipSet(state.groupsOff, g.key); });
  });
  DATA.legend.kinds.forEach(function (k) {
    legendItem($("legend-kinds"), k.key, lineSample(k, k.opacity || 1), k.label, k.count,
               function () { return flipSet(state.kindsOff, k.key); });
  });
  var nImplicit = DATA.edges.filter(function (e) { return e.implicit; }).length;
  if (nImplicit) {
    legendItem($("legend-kinds"), "implicit", lineSample({ color: "#2e7d32", width: DATA.implicit.width, dashes: false },
               DATA.implicit.opacity), DATA.implicit.label, nImplicit,
               function () { state.implicitOff = !state.implicitOff; return state.implicitOff; });
  }
  function toggleLegend(key) {
    var li = document.querySelector('.legend li[data-key="' + CSS.escape(key) + '"]');
    if (li) li.click();
    return !!li;
  }

  /* ---------------- source and year filters ---------------- */
  Object.keys(DATA.sources).sort(function (a, b) {
    return String(DATA.sources[a].date || "").localeCompare(String(DATA.sources[b].date || ""));
  }).forEach(function (iri) {
    var s = sourceBits(iri);
    $("source-filter").appendChild(el("option", { value: iri }, (DATA.sources[iri].date ? DATA.sources[iri].date + ": " : "") + s.title));
  });
  DATA.years.forEach(function (y) { $("year-filter").appendChild(el("option", { value: String(y) }, String(y))); });
  if (DATA.edges.some(function (e) { return e.year === null || e.year === undefined; }))
    $("year-filter").appendChild(el("option", { value: "undated" }, "Undated"));
  function setSource(iri) { state.source = iri || ""; $("source-filter").value = state.source; refresh(); }
  function setYear(y) { state.year = y ? String(y) : ""; $("year-filter").value = state.year; refresh(); }
  $("source-filter").addEventListener("change", function () { setSource(this.value); });
  $("year-filter").addEventListener("change", function () { setYear(this.value); });

  /* ---------------- date range ---------------- */
  function lastDay(month) {   // "2015-02" -> "2015-02-28"
    var y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
    return month + "-" + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0");
  }
  function day(text, end) {   // "2015", "2015-06" or "2015-06-05" -> the first (or last) day
    text = String(text || "").trim();
    if (/^\d{4}$/.test(text)) return text + (end ? "-12-31" : "-01-01");
    if (/^\d{4}-\d{2}$/.test(text)) return end ? lastDay(text) : text + "-01";
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    return "";
  }
  function rangeStatus() {
    var out = state.range ? DATA.edges.filter(function (e) { return !inRange(e); }).length : 0;
    $("range-status").textContent = state.range ? out + " of " + DATA.edges.length + " relations outside" : "";
  }
  /* setRange("2014", "2015-06") keeps what may fall in January 2014 to June 2015; empty bounds
     reach to the first or last claim; setRange() clears it */
  function setRange(from, to, hide) {
    var lo = day(from, false), hi = day(to, true);
    if (!lo && !hi) { state.range = null; }
    else {
      var months = DATA.months || { min: "0000-01", max: "9999-12" };
      state.range = { from: lo || months.min + "-01", to: hi || lastDay(months.max) };
      if (state.range.from > state.range.to) state.range = { from: state.range.to, to: state.range.from };
    }
    if (hide !== undefined) state.rangeHide = !!hide;
    $("range-from").value = state.range ? state.range.from.slice(0, 7) : "";
    $("range-to").value = state.range ? state.range.to.slice(0, 7) : "";
    $("range-hide").checked = state.rangeHide;
    rangeStatus();
    refresh();
    return state.range;
  }
  if (DATA.months) {
    ["range-from", "range-to"].forEach(function (id) { $(id).min = DATA.months.min; $(id).max = DATA.months.max; });
  }
  /* a "from" after "to" pushes "to" along (and the other way round) */
  $("range-from").addEventListener("change", function () {
    var to = $("range-to").value;
    setRange(this.value, this.value && to && to < this.value ? this.value : to);
  });
  $("range-to").addEventListener("change", function () {
    var from = $("range-from").value;
    setRange(this.value && from && from > this.value ? this.value : from, this.value);
  });
  $("range-hide").addEventListener("change", function () { setRange($("range-from").value, $("range-to").value, this.checked); });
  $("range-clear").addEventListener("click", function () { setRange("", ""); });

  /* ---------------- layout after filtering ---------------- */
  function setHideIsolated(on) { state.hideIsolated = !!on; $("hide-isolated").checked = state.hideIsolated; refresh(); }
  $("hide-isolated").addEventListener("change", function () { setHideIsolated(this.checked); });
  /* lay out again only what is shown (vis-network's force solver, a fixed number of steps, then
     still again); "Original" puts every node back where the published layout has it */
  function relayout(done) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      fit(Array.from(shown));
      changed();
      if (done) done();
    });
    network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based", forceAtlas2Based: { springLength: 120 },
                                    stabilization: { enabled: true, iterations: 300, fit: false } } });
    network.stabilize(300);
  }
  function resetLayout() {
    network.setOptions({ physics: { enabled: false } });
    DATA.nodes.forEach(function (n) { network.moveNode(n.id, n.x, n.y); });
    fit(state.focus ? Array.from(shown) : undefined);
    changed();
  }
  $("relayout").addEventListener("click", function () { relayout(); });
  $("layout-reset").addEventListener("click", resetLayout);

  /* ---------------- focus ---------------- */
  function focusOn(id, steps) {
    if (id === null || id === undefined || !nodes.get(id)) return false;
    steps = Math.max(1, Math.min(6, parseInt(steps, 10) || 1));
    state.focus = { root: id, steps: steps };
    $("focus-steps").value = steps;
    refresh();
    unhighlight();   // everything in the neighbourhood stays bright
    network.selectNodes([id]);
    fit(Array.from(shown));
    showNode(id);
    return true;
  }
  function resetFocus() { state.focus = null; refresh(); fit(); }
  $("focus-apply").addEventListener("click", function () {
    var id = findNode($("focus-node").value);
    if (id === null && network.getSelectedNodes().length) id = network.getSelectedNodes()[0];
    focusOn(id, $("focus-steps").value);
  });
  $("focus-reset").addEventListener("click", resetFocus);

  /* ---------------- coalitions ---------------- */
  var co = DATA.coalitions, toggle = $("coalition-toggle"), coIndex = {};
  function coalitionName(cid) {
    var s = ((co && co.summaries) || []).filter(function (x) { return x && String(x.id) === String(cid); })[0] || {};
    return s.label || s.name || ("Coalition " + (coIndex[cid] + 1));
  }
  function coalitionWho(cid) {
    var s = ((co && co.summaries) || []).filter(function (x) { return x && String(x.id) === String(cid); })[0] || {};
    return (s.labels || []).join(", ");
  }
  function coalitionColour(cid) {
    return cid === undefined ? "#d9d9d9" : DATA.coalitionColors[coIndex[cid] % DATA.coalitionColors.length];
  }
  function colourByCoalition(on) {
    if (!co) return false;
    state.coalition = !!on;
    toggle.checked = state.coalition;
    nodes.update(DATA.nodes.map(function (n) {
      var cid = co.members[n.id], c = coalitionColour(cid);
      if (!state.coalition) return { id: n.id, color: baseColor[n.id] };
      return { id: n.id, color: { background: c, border: cid === undefined ? "#b0b0b0" : "#333333",
                                  highlight: { background: c, border: "#111111" },
                                  hover: { background: c, border: "#111111" } } };
    }));
    $("coalition-legend").hidden = !state.coalition;
    changed();
    return true;
  }
  if (co) {
    var counts = {}, order = [];
    Object.keys(co.members).forEach(function (k) {
      var cid = co.members[k];
      if (!(cid in counts)) { counts[cid] = 0; order.push(cid); }
      counts[cid]++;
    });
    order.sort(function (a, b) { return counts[b] - counts[a] || String(a).localeCompare(String(b)); });
    order.forEach(function (cid, i) { coIndex[cid] = i; });
    order.forEach(function (cid) {
      var who = coalitionWho(cid), s = ((co && co.summaries) || []).filter(function (x) { return x && String(x.id) === String(cid); })[0] || {};
      var verdict = s.supported === true ? " (supported)" : s.supported === false ? " (too thin)" : "";
      $("coalition-legend").appendChild(el("li", { title: who + (s.reasons && s.reasons.length ? "\n" + s.reasons.join("; ") : "") },
        swatch("dot", coalitionColour(cid)),
        el("span", { className: "co-name" }, coalitionName(cid), el("span", { className: s.supported === false ? "thin" : "" }, verdict),
           who ? el("small", {}, who) : null),
        el("span", { className: "count" }, String(counts[cid]))));
    });
    $("coalition-legend").appendChild(el("li", {}, swatch("dot", "#d9d9d9"), el("span", {}, "In no coalition")));
    if (co.filters) $("coalition-legend").appendChild(el("li", { className: "filters" }, el("small", {}, "Filters: " + co.filters)));
    toggle.addEventListener("change", function () { colourByCoalition(this.checked); });
  } else {
    toggle.disabled = true;
    toggle.parentNode.title = "This graph has no coalition data";
    toggle.parentNode.appendChild(el("small", { className: "none" }, " (no coalition data)"));
  }

  /* ---------------- reset, fit, export, footer ---------------- */
  function refresh() {
    computeShown();
    nodesView.refresh();
    edgesView.refresh();
    // a details panel about something the filters now hide is stale: close it
    if (panelItem && !(panelItem.kind === "node" ? shown.has(panelItem.id) : edgesView.get(panelItem.id))) {
      closePanel();
      network.unselectAll();
      state.highlight = null;
    }
    restyle();
    footer();
    changed();
  }
  function changed() { listeners.forEach(function (f) { f(); }); }
  function resetAll(keepSelection) {
    state.groupsOff.clear(); state.kindsOff.clear(); state.implicitOff = false; state.focus = null;
    state.source = ""; state.year = ""; state.range = null; state.rangeHide = false; state.hideIsolated = false;
    $("source-filter").value = ""; $("year-filter").value = "";
    $("range-from").value = ""; $("range-to").value = ""; $("range-hide").checked = false; $("hide-isolated").checked = false;
    rangeStatus();
    document.querySelectorAll(".legend li.off").forEach(function (li) {
      li.classList.remove("off"); li.setAttribute("aria-pressed", "true");
    });
    refresh();
    if (!keepSelection) { network.unselectAll(); unhighlight(); closePanel(); fit(); }
  }
  $("reset-all").addEventListener("click", function () { resetAll(false); });
  $("fit").addEventListener("click", function () { fit(); });
  /* fit the view, then zoom out a hair if a tier of labels would be caught half-faded: vis fades
     labels in over one pixel of font size, and faint grey text is noise, not information */
  var TIERS = Array.from(new Set(DATA.nodes.map(function (n) { return n.font.size; }))).sort(function (a, b) { return a - b; });
  function fit(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    var s = network.getScale(), thr = options.nodes.scaling.label.drawThreshold;
    TIERS.forEach(function (f) { if (f * s > thr - 1 && f * s < thr) s = (thr - 1) / f - 0.001; });
    if (s !== network.getScale()) network.moveTo({ scale: s, animation: false });
  }
  function exportPng() {
    var canvas = container.querySelector("canvas");
    var url = canvas.toDataURL("image/png");
    var a = el("a", { href: url, download: (DATA.title || "map").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60) + ".png" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    return url;
  }
  $("export-png").addEventListener("click", exportPng);
  function footer() {
    var c = DATA.counts, built = DATA.built ? DATA.built.replace("T", " ").slice(0, 16) : "unknown";
    $("footer").textContent = "Built " + built + " \u00b7 " + c.nodes + " nodes \u00b7 " + c.edges + " edges \u00b7 " +
      c.sources + " source articles" + (DATA.view ? " \u00b7 view: " + DATA.view : "") +
      (nodesView.length !== c.nodes || edgesView.length !== c.edges
        ? " \u00b7 showing " + nodesView.length + " nodes, " + edgesView.length + " edges" : "") +
      " \u00b7 drawn with vis-network 9.1.2";
  }
  function edgeMidpoint(id) {   // DOM coordinates (relative to the canvas) of an edge's middle
    var ed = network.body.edges[id], pt = null;
    try { pt = ed.edgeType.getPoint(0.5); } catch (err) { pt = null; }
    if (!pt) {
      var p = network.getPositions([ed.fromId, ed.toId]);
      pt = { x: (p[ed.fromId].x + p[ed.toId].x) / 2, y: (p[ed.fromId].y + p[ed.toId].y) / 2 };
    }
    return network.canvasToDOM(pt);
  }

  if (DATA.description) $("map-title").title = DATA.description;
  if (DATA.scope) { $("scope").textContent = DATA.scope; $("scope").hidden = false; }   // what a big map leaves out
  fit();
  footer();
  window.network = network;
  window.carekg = {
    data: DATA, network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    search: search, matches: matches, resolveName: resolveName, fold: fold, showNode: showNode, showEdge: showEdge, toggleLegend: toggleLegend,
    setSource: setSource, setYear: setYear, focusOn: focusOn, resetFocus: resetFocus, resetAll: resetAll,
    colourByCoalition: colourByCoalition, exportPng: exportPng, edgeMidpoint: edgeMidpoint,
    setRange: setRange, inRange: inRange, setHideIsolated: setHideIsolated, relayout: relayout, resetLayout: resetLayout,
    state: state, shown: function () { return shown; }, panelItem: function () { return panelItem; },
    selectAndFocus: selectAndFocus, highlight: highlight, fit: fit, refresh: refresh,
    onChange: function (f) { listeners.push(f); },
    visible: function () { return { nodes: nodesView.length, edges: edgesView.length }; },
    ready: false   // mapshare.js sets it once the view in the link is restored
  };
})();
