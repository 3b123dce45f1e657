/* carekg influence map: the page.  Data arrives as JSON in #carekg-data; everything that comes
 * from the data is put into the page with textContent or DOM properties, never as HTML.  The
 * logic without a page (names, dates, filters...) is maplogic.js's, as carekgLogic. */
(function () {
  "use strict";
  var L = window.carekgLogic;
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
  var adj = L.adjacency(DATA.nodes, DATA.edges);

  var state = L.freshState();
  var shown = new Set();
  var listeners = [];   // told after every change of view (the shareable link listens)

  function inRange(e) { return L.inRange(e, state.range); }
  function edgePasses(e) { return L.edgePasses(e, state); }
  function computeShown() { shown = L.shownNodes(DATA.nodes, DATA.edges, adj, state); }
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
  var LABEL_THRESHOLD = options.nodes.scaling.label.drawThreshold, labelled = new Set();
  relabel();
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
  L.displayNames(DATA.nodes).names.forEach(function (pair) {
    nameToId.set(pair[0], pair[1]);
    idToName[pair[1]] = pair[0];
    $("node-names").appendChild(el("option", { value: pair[0] }));
  });
  var SEARCH = DATA.search, ENTRIES = L.entries(DATA.names);
  function fold(text) { return L.fold(text, SEARCH.apostrophes); }
  function matches(text, limit) { return L.matches(ENTRIES, SEARCH, text, limit); }
  function resolveName(text) { return L.resolve(ENTRIES, SEARCH, text, nameToId); }
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
    $("search-status").textContent = L.searchStatus(text, r.matches);
    if (r.matches.length) showChoices(r.matches);
    return null;
  }
  $("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search($("search").value); });
  $("search").addEventListener("input", function () {
    if (nameToId.has(this.value)) search(this.value);   // picked from the suggestion list
  });

  /* ---------------- details panel ---------------- */
  var panel = $("details-body");
  function sourceBits(iri) { return L.sourceBits(DATA.sources, iri); }
  var sourceLine = L.sourceLine;
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
  /* an article or a year narrows the map: fit what is left to the screen, so its labels are read
     at the size they are drawn, not as dots in a map sized for everything */
  function setSource(iri) { state.source = iri || ""; $("source-filter").value = state.source; refresh(); fit(shown.size ? Array.from(shown) : undefined); }
  function setYear(y) { state.year = y ? String(y) : ""; $("year-filter").value = state.year; refresh(); fit(shown.size ? Array.from(shown) : undefined); }
  $("source-filter").addEventListener("change", function () { setSource(this.value); });
  $("year-filter").addEventListener("change", function () { setYear(this.value); });

  /* ---------------- date range ---------------- */
  function rangeStatus() {
    var out = state.range ? DATA.edges.filter(function (e) { return !inRange(e); }).length : 0;
    $("range-status").textContent = state.range ? out + " of " + DATA.edges.length + " relations outside" : "";
  }
  /* setRange("2014", "2015-06") keeps what may fall in January 2014 to June 2015; empty bounds
     reach to the first or last claim; setRange() clears it */
  function setRange(from, to, hide) {
    state.range = L.rangeOf(from, to, DATA.months);
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
    steps = L.focusSteps(steps);
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
  /* named as the command line names them: "Coalition N" (from 1), and the actors with no tie
     together, "Agrees with nobody"; those are drawn white, nodes outside the analysis grey */
  var co = DATA.coalitions, toggle = $("coalition-toggle"), coIndex = {}, ranked = null;
  var LONE_COLOUR = "#ffffff", NONE_COLOUR = "#d9d9d9";
  function summaryOf(cid) {
    return ((co && co.summaries) || []).filter(function (x) { return x && String(x.id) === String(cid); })[0] || {};
  }
  function isLone(cid) { return ranked !== null && ranked.lone.indexOf(cid) >= 0; }
  function coalitionName(cid) {
    var s = summaryOf(cid);
    return s.name || ("Coalition " + cid);
  }
  function coalitionWho(cid) { return (summaryOf(cid).labels || []).join(", "); }
  /* an actor's label, from the summaries (members and labels are in step) */
  function coalitionWhoOf(iri) {
    var found = iri;
    ((co && co.summaries) || []).forEach(function (s) { var i = (s.members || []).indexOf(iri); if (i >= 0) found = s.labels[i]; });
    return found;
  }
  function coalitionColour(cid) {
    if (cid === undefined) return NONE_COLOUR;
    return isLone(cid) ? LONE_COLOUR : DATA.coalitionColors[coIndex[cid] % DATA.coalitionColors.length];
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
  /* what the coalition legend says, for the page and the exports: [{name, note, colour, count}] */
  function coalitionLegend() {
    if (!co) return [];
    var out = ranked.order.map(function (cid) {
      var s = summaryOf(cid);
      // the stability verdict, then the robustness checks' (as `carekg coalitions` prints them)
      var note = s.supported === false ? "too thin" : s.supported !== true ? "" :
                 s.robust === false ? "supported, not robust" : s.robust === true ? "supported, robust" : "supported";
      var broken = (s.broken_by || []).map(function (b) { return "not robust: " + b; });
      if ((s.not_robust || []).length) broken.push("members whose place a check breaks: " + s.not_robust.map(coalitionWhoOf).join(", "));
      return { name: coalitionName(cid), note: note, weak: s.supported === false || s.robust === false,
               colour: coalitionColour(cid), count: ranked.counts[cid], who: coalitionWho(cid), reasons: (s.reasons || []).concat(broken) };
    });
    if (ranked.lone.length) {
      out.push({ name: "Agrees with nobody", note: "", colour: LONE_COLOUR, count: ranked.lone.length,
                 who: ranked.lone.map(coalitionWho).join(", "), reasons: [] });
    }
    out.push({ name: "No stance counted (not an actor, or left out by the filters)", note: "", colour: NONE_COLOUR, count: null, who: "", reasons: [] });
    return out;
  }
  if (co) {
    ranked = L.coalitionOrder(co.members, co.summaries);
    ranked.order.forEach(function (cid, i) { coIndex[cid] = i; });
    coalitionLegend().forEach(function (item) {
      $("coalition-legend").appendChild(el("li", { title: item.who + (item.reasons.length ? "\n" + item.reasons.join("; ") : "") },
        swatch("dot", item.colour),
        el("span", { className: "co-name" }, item.name,
           item.note ? el("span", { className: item.weak ? "thin" : "" }, " (" + item.note + ")") : null,
           item.who ? el("small", {}, item.who) : null),
        item.count === null ? null : el("span", { className: "count" }, String(item.count))));
    });
    if (co.filters) $("coalition-legend").appendChild(el("li", { className: "filters" }, el("small", {}, "Filters: " + co.filters)));
    toggle.addEventListener("change", function () { colourByCoalition(this.checked); });
  } else {
    toggle.disabled = true;
    toggle.parentNode.title = "This graph has no coalition data";
    toggle.parentNode.appendChild(el("small", { className: "none" }, " (no coalition data)"));
  }

  /* ---------------- reset, fit, export, footer ---------------- */
  /* the labels of the most connected shown nodes are drawn at every zoom (vis otherwise hides a
     label drawn smaller than the threshold); the others appear as one zooms in */
  function relabel() {
    var next = L.alwaysLabelled(DATA.nodes, DATA.edges, shown, state, 25, 0.15);
    var changes = [];
    DATA.nodes.forEach(function (n) {
      if (next.has(n.id) !== labelled.has(n.id)) changes.push({ id: n.id, scaling: { label: { drawThreshold: next.has(n.id) ? 1 : LABEL_THRESHOLD } } });
    });
    labelled = next;
    if (changes.length) nodes.update(changes);
  }
  function refresh() {
    computeShown();
    relabel();
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
    var s = L.readableScale(network.getScale(), TIERS, options.nodes.scaling.label.drawThreshold);
    if (s !== network.getScale()) network.moveTo({ scale: s, animation: false });
  }
  /* the PNG of what the screen shows, with its legend and caption: drawn by mapshare.js, which
     sets window.carekg.exportPng */
  $("export-png").addEventListener("click", function () { window.carekg.exportPng(); });
  function footer() {
    var c = DATA.counts, built = DATA.built ? DATA.built.replace("T", " ").slice(0, 16) : "unknown";
    $("footer").textContent = "Built " + built + " \u00b7 " + c.nodes + " nodes \u00b7 " + c.edges + " edges \u00b7 " +
      c.sources + " source articles" + (DATA.view ? " \u00b7 view: " + DATA.view : "") +
      (nodesView.length !== c.nodes || edgesView.length !== c.edges
        ? " \u00b7 showing " + nodesView.length + " nodes, " + edgesView.length + " edges" : "") +
      " \u00b7 drawn with vis-network " + DATA.vis;
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
  window.carekg = {
    data: DATA, network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    search: search, matches: matches, resolveName: resolveName, fold: fold, showNode: showNode, showEdge: showEdge, toggleLegend: toggleLegend,
    setSource: setSource, setYear: setYear, focusOn: focusOn, resetFocus: resetFocus, resetAll: resetAll,
    colourByCoalition: colourByCoalition, coalitionLegend: coalitionLegend, edgeMidpoint: edgeMidpoint,
    setRange: setRange, inRange: inRange, setHideIsolated: setHideIsolated, relayout: relayout, resetLayout: resetLayout,
    state: state, shown: function () { return shown; }, labelled: function () { return labelled; }, panelItem: function () { return panelItem; },
    selectAndFocus: selectAndFocus, highlight: highlight, fit: fit, refresh: refresh,
    onChange: function (f) { listeners.push(f); },
    visible: function () { return { nodes: nodesView.length, edges: edgesView.length }; },
    ready: false   // mapshare.js sets it once the view in the link is restored
  };
})();
