/* carekg influence map: share the view.  A link that restores it (filters, focus, dates,
 * selection and coalition colours in the URL fragment, so it works from file://), and the
 * whole current view as an SVG drawing or a high-resolution PNG.  vis-network draws on a canvas,
 * so the SVG is built here from the nodes' positions and styles; every label goes in as a text
 * node, never as markup.  Every export (SVG, both PNGs) carries, below the drawing, the legend of
 * what it shows and a caption: what is shown of what, the filters and the dates. */
(function () {
  "use strict";
  var K = window.carekg, L = window.carekgLogic, DATA = K.data, network = K.network;
  var $ = function (id) { return document.getElementById(id); };
  var SVGNS = "http://www.w3.org/2000/svg";

  /* ---------------- the link: state <-> URL fragment ---------------- */
  function stateToHash() { return L.stateToHash(K.state, K.panelItem()); }
  var parseHash = L.parseHash;
  function permalink() { return location.href.split("#")[0] + "#" + stateToHash(); }
  var applying = false;
  /* open the view a fragment describes; names that the map does not hold are ignored */
  function applyHash(text) {
    var h = parseHash(text), s = K.state;
    applying = true;
    try {
      K.resetAll(true);
      network.unselectAll();
      s.highlight = null;
      (h.off ? h.off.split(",") : []).forEach(function (key) {
        if (key === "k:implicit") { K.toggleLegend("implicit"); return; }
        K.toggleLegend(key.slice(2));
      });
      if (h.source && DATA.sources[h.source]) K.setSource(h.source);
      if (h.year) K.setYear(h.year);
      if (h.from || h.to) K.setRange(h.from || "", h.to || "", h.hide === "1");
      if (h.isolated === "hide") K.setHideIsolated(true);
      if (h.coalitions === "1") K.colourByCoalition(true);
      if (h.focus && K.nodes.get(h.focus)) K.focusOn(h.focus, h.steps || 1);
      if (h.node && K.nodes.get(h.node) && K.shown().has(h.node)) {
        network.selectNodes([h.node]);
        K.highlight(h.node);
        K.showNode(h.node);
      } else if (h.edge && K.edges.get(h.edge)) {
        K.showEdge(h.edge);
      }
      if (!h.focus) K.fit(K.shown().size < DATA.nodes.length ? Array.from(K.shown()) : undefined);
    } finally {
      applying = false;
    }
    writeHash();
  }
  var pending = null;
  function writeHash() {
    pending = null;
    var hash = stateToHash(), now = location.hash.replace(/^#/, "");
    if (hash === now) return;
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
    catch (err) { location.hash = hash; }   // some browsers refuse replaceState on file://
  }
  K.onChange(function () { if (!applying && pending === null) pending = setTimeout(writeHash, 0); });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") !== stateToHash()) applyHash(location.hash);
  });
  function shareLink() {
    writeHash();
    var url = permalink();
    $("share").hidden = false;
    $("share-url").value = url;
    $("share-url").select();
    var done = function (ok) { $("share-status").textContent = ok ? "Copied" : "Copy the link above"; };
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(function () { done(true); }, function () { done(false); });
      else done(false);
    } catch (err) { done(false); }
    return url;
  }
  $("share-link").addEventListener("click", shareLink);

  /* ---------------- the view as SVG ---------------- */
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = String(text);   // text, never markup
    return node;
  }
  function r1(x) { return Math.round(x * 10) / 10; }
  function pts(list) { return list.map(function (p) { return r1(p[0]) + "," + r1(p[1]); }).join(" "); }
  function shape(n, x, y, fill, stroke, opacity) {
    var s = n.size || 10, style = { fill: fill, stroke: stroke, "stroke-width": 1.5, opacity: opacity };
    function poly(list) { return svg("polygon", Object.assign({ points: pts(list) }, style)); }
    switch (n.shape) {
      case "square": return svg("rect", Object.assign({ x: r1(x - s), y: r1(y - s), width: r1(2 * s), height: r1(2 * s) }, style));
      case "diamond": return poly([[x, y - s], [x + s, y], [x, y + s], [x - s, y]]);
      case "triangle": return poly([[x, y - s], [x + s, y + s * 0.85], [x - s, y + s * 0.85]]);
      case "triangleDown": return poly([[x, y + s], [x + s, y - s * 0.85], [x - s, y - s * 0.85]]);
      case "hexagon": return poly([0, 1, 2, 3, 4, 5].map(function (i) { var a = Math.PI / 3 * i; return [x + s * Math.cos(a), y + s * Math.sin(a)]; }));
      case "star": return poly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) {
        var r = i % 2 ? s * 0.45 : s, a = Math.PI / 5 * i - Math.PI / 2; return [x + r * Math.cos(a), y + r * Math.sin(a)]; }));
      default: return svg("circle", Object.assign({ cx: r1(x), cy: r1(y), r: r1(s) }, style));
    }
  }
  var wrap = L.wrap;
  function colourOf(c, key) { return typeof c === "string" ? c : (c && c[key]) || "#999999"; }
  /* the whole current view (what the filters show, at its current positions and colours), as an
     SVG document; returns {text, width, height} */
  function buildSvg() {
    var ids = K.nodesView.getIds(), pos = network.getPositions(ids);
    var boxes = [], items = [];
    ids.forEach(function (id) {
      var n = K.nodes.get(id), p = pos[id], size = n.size || 10, font = (n.font && n.font.size) || 14;
      var lines = wrap(n.label || "", Math.max(8, Math.floor(((n.widthConstraint && n.widthConstraint.maximum) || 150) / (0.55 * font))));
      var w = Math.max.apply(null, [2 * size].concat(lines.map(function (l) { return l.length * 0.55 * font; })));
      boxes.push([p.x - w / 2, p.y - size, p.x + w / 2, p.y + size + 4 + lines.length * font * 1.2]);
      items.push({ n: n, p: p, lines: lines, font: font });
    });
    var pad = 40;
    var minX = Math.min.apply(null, boxes.map(function (b) { return b[0]; }).concat([0])) - pad;
    var minY = Math.min.apply(null, boxes.map(function (b) { return b[1]; }).concat([0])) - pad - 30;
    var maxX = Math.max.apply(null, boxes.map(function (b) { return b[2]; }).concat([1])) + pad;
    var maxY = Math.max.apply(null, boxes.map(function (b) { return b[3]; }).concat([1])) + pad;
    var width = Math.max(520, Math.ceil(maxX - minX)), band = legendAndCaption(minX + pad, maxY, width - 2 * pad);
    var height = Math.ceil(maxY - minY + band.height);
    var root = svg("svg", { xmlns: SVGNS, width: width, height: height, viewBox: [r1(minX), r1(minY), width, height].join(" "),
                            "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" });
    root.appendChild(svg("title", {}, DATA.title || "Influence map"));
    root.appendChild(svg("desc", {}, "Drawn by carekg from " + (DATA.view ? "the " + DATA.view + " view" : "a graph") +
      "; " + ids.length + " nodes, " + K.edgesView.length + " relations shown; built " + (DATA.built || "at an unknown time") +
      "; the view: " + permalink()));
    root.appendChild(svg("rect", { x: r1(minX), y: r1(minY), width: width, height: height, fill: "#ffffff" }));
    root.appendChild(svg("text", { x: r1(minX + pad), y: r1(minY + pad), "font-size": 18, "font-weight": "bold", fill: "#1f2328" },
                         DATA.title || "Influence map"));
    var edgeLayer = root.appendChild(svg("g", { "class": "edges" })), nodeLayer = root.appendChild(svg("g", { "class": "nodes" }));
    K.edgesView.get().forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      var colour = colourOf(e.color, "color"), opacity = (e.color && e.color.opacity !== undefined) ? e.color.opacity : 1;
      var g = edgeLayer.appendChild(svg("g", { "class": "edge", "data-id": e.id, opacity: r1(opacity * 100) / 100 }));
      g.appendChild(svg("title", {}, e.title || ""));
      var dash = Array.isArray(e.dashes) ? e.dashes.join(" ") : e.dashes ? "5 5" : null;
      var line = { fill: "none", stroke: colour, "stroke-width": e.width || 1, "stroke-dasharray": dash };
      if (e.from === e.to) {   // a loop, drawn as vis draws it: a circle beside the node
        var s = (K.nodes.get(e.from).size || 10);
        g.appendChild(svg("circle", Object.assign({ cx: r1(a.x + s), cy: r1(a.y - s), r: r1(s) }, line)));
        return;
      }
      var c = null;
      try { var body = network.body.edges[e.id], mid = body && body.options.smooth && body.options.smooth.enabled ? body.edgeType.getPoint(0.5) : null;
            if (mid) c = { x: 2 * mid.x - (a.x + b.x) / 2, y: 2 * mid.y - (a.y + b.y) / 2 }; } catch (err) { c = null; }
      var from = c || a, dx = b.x - from.x, dy = b.y - from.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var stop = (K.nodes.get(e.to).size || 10) + 2, ux = dx / len, uy = dy / len;
      var end = { x: b.x - ux * stop, y: b.y - uy * stop };
      g.appendChild(svg("path", Object.assign({ d: "M" + r1(a.x) + "," + r1(a.y) + (c ? " Q" + r1(c.x) + "," + r1(c.y) + " " : " L") + r1(end.x) + "," + r1(end.y) }, line)));
      var head = 9, wing = 4;   // the arrow head, along the edge's last direction
      g.appendChild(svg("polygon", { fill: colour, points: pts([[end.x + ux * 2, end.y + uy * 2],
        [end.x - ux * head - uy * wing, end.y - uy * head + ux * wing], [end.x - ux * head + uy * wing, end.y - uy * head - ux * wing]]) }));
    });
    items.forEach(function (it) {
      var n = it.n, p = it.p, opacity = n.opacity === undefined ? 1 : n.opacity;
      var g = nodeLayer.appendChild(svg("g", { "class": "node", "data-id": n.id, opacity: opacity }));
      g.appendChild(svg("title", {}, n.title || n.label || ""));
      g.appendChild(shape(n, p.x, p.y, colourOf(n.color, "background"), colourOf(n.color, "border"), 1));
      var text = g.appendChild(svg("text", { x: r1(p.x), y: r1(p.y + (n.size || 10) + 4 + it.font), "font-size": it.font, "text-anchor": "middle",
                                             fill: "#1f2328", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" }));
      it.lines.forEach(function (l, i) {
        text.appendChild(svg("tspan", { x: r1(p.x), dy: i ? r1(it.font * 1.2) : 0 }, l));
      });
    });
    root.appendChild(band.group);
    return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root), width: width, height: height };
  }
  /* ---------------- the legend and the caption every export carries ---------------- */
  function caption() {
    var legendOf = function (list, key) { return (list.filter(function (x) { return x.key === key; })[0] || {}).label || key; };
    var visible = K.visible();
    return L.viewCaption(K.state, {
      view: DATA.view, months: DATA.months, scope: DATA.scope,
      counts: { nodes: DATA.counts.nodes, edges: DATA.counts.edges, shownNodes: visible.nodes, shownEdges: visible.edges },
      coalitionFilters: DATA.coalitions && DATA.coalitions.filters,
      sourceTitle: function (iri) { return L.sourceBits(DATA.sources, iri).title; },
      nodeName: function (id) { var n = K.nodes.get(id); return n ? n.name : id; },
      groupLabel: function (g) { return legendOf(DATA.legend.groups, g); },
      kindLabel: function (k) { return legendOf(DATA.legend.kinds, k); } });
  }
  /* the legend and the caption as SVG, `width` wide, its top left at (x, y): {group, height} */
  function legendAndCaption(x, y, width) {
    var g = svg("g", { "class": "legend-caption", transform: "translate(" + r1(x) + "," + r1(y) + ")" });
    var items = [], shown = K.shown(), legend = L.shownLegend(DATA.legend, DATA.nodes, DATA.edges, shown, K.state);
    // coloured by coalition, a family keeps its shape but not its colour: one colour, one meaning
    legend.groups.forEach(function (f) { items.push({ kind: "node", shape: f.shape, color: K.state.coalition ? "#eeeeee" : f.color, label: f.label }); });
    legend.kinds.forEach(function (k) { items.push({ kind: "line", color: k.color, width: k.width || 1.5, dashes: k.dashes, opacity: k.opacity || 1, label: k.label }); });
    if (legend.implicit) items.push({ kind: "line", color: "#2e7d32", width: DATA.implicit.width, opacity: DATA.implicit.opacity, label: DATA.implicit.label });
    if (K.state.coalition) K.coalitionLegend().forEach(function (c) {
      items.push({ kind: "node", shape: "dot", color: c.colour, label: c.name + (c.note ? " (" + c.note + ")" : "") });
    });
    var colW = 250, cols = Math.max(1, Math.floor(width / colW)), rows = Math.ceil(items.length / cols), row = 20;
    g.appendChild(svg("text", { x: 0, y: 14, "font-size": 13, "font-weight": "bold", fill: "#1f2328" }, "Legend"));
    items.forEach(function (it, i) {
      var cx = (Math.floor(i / rows)) * colW, cy = 24 + (i % rows) * row + 8;
      var item = g.appendChild(svg("g", { "class": "legend-item" }));
      if (it.kind === "node") {
        item.appendChild(shape({ shape: it.shape, size: 6 }, cx + 13, cy, it.color, "#333333", 1));
      } else {
        item.appendChild(svg("line", { x1: cx + 1, y1: cy, x2: cx + 20, y2: cy, stroke: it.color, "stroke-width": it.width, "stroke-opacity": it.opacity,
                                       "stroke-dasharray": Array.isArray(it.dashes) ? it.dashes.join(" ") : it.dashes ? "5 5" : null }));
        item.appendChild(svg("polygon", { points: pts([[cx + 19, cy - 4], [cx + 26, cy], [cx + 19, cy + 4]]), fill: it.color, "fill-opacity": it.opacity }));
      }
      item.appendChild(svg("text", { x: cx + 32, y: cy + 4, "font-size": 12, fill: "#1f2328" }, it.label));
    });
    var top = 24 + rows * row + 14, perLine = Math.max(40, Math.floor(width / 6.6)), n = 0;
    var text = g.appendChild(svg("text", { "class": "caption", x: 0, y: top, "font-size": 12, fill: "#3d444d" }));
    caption().forEach(function (line) {
      wrap(line, perLine).forEach(function (part) {
        text.appendChild(svg("tspan", { x: 0, dy: n ? 16 : 0 }, part));
        n++;
      });
    });
    return { group: g, height: top + 16 * n + 8 };
  }
  function fileName(ext) { return L.fileName(DATA.title, ext); }
  function download(url, name) {
    var a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function exportSvg(save) {
    var drawing = buildSvg();
    if (save !== false) {
      var url = URL.createObjectURL(new Blob([drawing.text], { type: "image/svg+xml" }));
      download(url, fileName(".svg"));
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }
    return drawing.text;
  }
  /* the same drawing rasterised at `scale` (3 by default, the long side at most 8000 px); resolves
     to a PNG data URL */
  function exportPngHiRes(scale, save) {
    var drawing = buildSvg(), k = Math.min(scale || 3, 8000 / Math.max(drawing.width, drawing.height));
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(drawing.width * k); canvas.height = Math.round(drawing.height * k);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        var url = canvas.toDataURL("image/png");
        if (save !== false) download(url, fileName("-hires.png"));
        resolve(url);
      };
      img.onerror = function () { reject(new Error("the SVG drawing could not be rasterised")); };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(drawing.text);
    });
  }
  /* what the screen shows, with the legend and the caption below it; resolves to a PNG data URL */
  function exportPng(save) {
    var screen = document.querySelector("#map canvas"), ratio = window.devicePixelRatio || 1;
    var w = screen.width / ratio, band = legendAndCaption(12, 8, w - 24);
    var bandSvg = svg("svg", { xmlns: SVGNS, width: w, height: band.height + 8, viewBox: [0, 0, w, band.height + 8].join(" "),
                               "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" });
    bandSvg.appendChild(svg("rect", { x: 0, y: 0, width: w, height: band.height + 8, fill: "#ffffff" }));
    bandSvg.appendChild(band.group);
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = screen.width; canvas.height = screen.height + Math.round((band.height + 8) * ratio);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(screen, 0, 0);
        ctx.drawImage(img, 0, screen.height, screen.width, canvas.height - screen.height);
        var url = canvas.toDataURL("image/png");
        if (save !== false) download(url, fileName(".png"));
        resolve(url);
      };
      img.onerror = function () { reject(new Error("the legend could not be drawn")); };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent('<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(bandSvg));
    });
  }
  $("export-svg").addEventListener("click", function () { exportSvg(); });
  $("export-png-hires").addEventListener("click", function () { exportPngHiRes(3); });

  K.permalink = permalink; K.applyHash = applyHash; K.shareLink = shareLink;
  K.exportSvg = exportSvg; K.exportPngHiRes = exportPngHiRes; K.exportPng = exportPng; K.caption = caption;
  if (location.hash.length > 1) applyHash(location.hash);
  K.ready = true;
})();
