/* Cluster Atlas: draws the graph described by #atlas-data with vis-network.
   Names and properties only ever reach the page through textContent; tooltips are
   built when the pointer rests on something, so thousands of items cost nothing. */
(function () {
  "use strict";
  var doc = JSON.parse(document.getElementById("atlas-data").textContent);
  // Ids and names come from the data: an id such as "constructor" or "__proto__" must be a
  // key like any other, never a property every object already has.
  function own(table, key) {
    return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }
  // vis-network keeps its nodes in plain objects: an id every object has is given to it with a
  // mark in front (and so is an id that starts with the mark), and read back without.
  var MARK = "\u0001";
  function visId(id) {
    id = String(id);
    return id in Object.prototype || id.charAt(0) === MARK ? MARK + id : id;
  }
  function entityId(id) {
    id = String(id);
    return id.charAt(0) === MARK ? id.slice(1) : id;
  }
  // A layout remembered from an earlier visit: every node where it was, drawn at once.
  // Or one the server computed for this drawing ("placed"): drawn at once in the same way.
  var kept = document.getElementById("atlas-layout");
  var given = kept ? JSON.parse(kept.textContent) : null;
  var remembered = given ? given.positions : null;
  var placed = !!(given && given.placed);
  if (remembered) doc.options.physics.enabled = false;
  var tables = doc.tables;
  var container = document.getElementById("atlas-graph");
  var main = container.parentNode;
  var names = new Map();
  doc.nodes.forEach(function (node) { names.set(node.id, node.tip.title); });

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value == null ? "" : String(value);
    return element;
  }

  // Names are drawn this much larger than their base size, so as to read at the fitted zoom.
  var readable = doc.readable;
  function nodeFont(node, growth) {
    return Math.round(readable.font * (node.focus ? 1.15 : 1) * growth * 10) / 10;
  }

  function nodeItem(node) {
    var kind = own(tables.kinds, node.kind) || { shape: "dot", colour: "#6b7280", size: 16 };
    var item = {
      id: visId(node.id),
      label: node.label,
      shape: kind.shape,
      size: kind.size * (node.focus ? 1.35 : 1),
      borderWidth: node.lit ? 5 : node.focus ? 3 : 1,
      color: {
        background: kind.colour,
        border: node.lit ? tables.highlight : kind.colour,
        highlight: { background: kind.colour, border: "#111827" },
        hover: { background: kind.colour, border: "#111827" }
      },
      font: { size: nodeFont(node, 1), color: "#111827", bold: !!(node.focus || node.lit),
              strokeWidth: 3, strokeColor: "#ffffff" }
    };
    if (node.dim) item.opacity = 0.45;
    if (node.x !== undefined) {
      item.x = node.x;
      item.y = node.y;
      item.fixed = { x: true, y: true };
    } else if (own(remembered, node.id)) {
      item.x = own(remembered, node.id)[0];
      item.y = own(remembered, node.id)[1];
    }
    return item;
  }

  function edgeItem(edge, index) {
    var type = own(tables.types, edge.type) || { colour: "#9ca3af", width: 1.5, arrow: true, phrase: edge.type };
    var status = own(tables.statuses, edge.status) || { dashes: false };
    var evidence = own(tables.evidence, edge.evidence) || { opacity: 0.9 };
    var item = {
      id: index,
      from: visId(edge.from),
      to: visId(edge.to),
      dashes: status.dashes,
      width: edge.lit ? 5 : type.width,
      arrows: { to: { enabled: type.arrow, scaleFactor: 0.5 } },
      color: {
        color: edge.lit ? tables.highlight : type.colour,
        opacity: edge.lit ? 1 : edge.dim ? 0.15 : evidence.opacity,
        highlight: "#111827",
        hover: "#111827"
      }
    };
    if (doc.edgeLabels) {
      item.label = type.phrase;
      item.font = { size: readable.edgeFont, color: "#4b5563", strokeWidth: 3, align: "middle" };
    }
    return item;
  }

  function nodeTip(node) {
    return node.tip;
  }

  function edgeTip(edge) {
    var type = own(tables.types, edge.type) || { phrase: edge.type, arrow: true };
    var arrow = type.arrow ? "→" : "—";
    var words = tables.words;
    var rows = [
      [words.status, (own(tables.statuses, edge.status) || { name: edge.status }).name],
      [words.evidence, (own(tables.evidence, edge.evidence) || { name: edge.evidence }).name]
    ];
    if (edge.since !== undefined) rows.push([words.since, edge.since]);
    (edge.rows || []).forEach(function (row) { rows.push(row); });
    if (edge.note !== undefined) rows.push([words.note, edge.note]);
    if (edge.source !== undefined) {
      var source = own(tables.sources, edge.source) || edge.source;
      if (edge.paragraph !== undefined) source += ", " + words.paragraph.replace("{n}", edge.paragraph);
      rows.push([words.source, source]);
    }
    var title = [names.get(edge.from) || edge.from, arrow, type.phrase, arrow, names.get(edge.to) || edge.to].join(" ");
    return { title: title, subtitle: "", rows: rows };
  }

  var tip = document.createElement("div");
  tip.className = "atlas-tip";
  tip.hidden = true;
  main.appendChild(tip);

  function showTip(content, pointer) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.appendChild(text("div", "atlas-tip-title", content.title));
    if (content.subtitle) tip.appendChild(text("div", "atlas-tip-subtitle", content.subtitle));
    content.rows.forEach(function (row) {
      var line = document.createElement("div");
      line.className = "atlas-tip-row";
      if (row[0]) line.appendChild(text("span", "atlas-tip-key", row[0]));
      line.appendChild(text("span", "atlas-tip-value", row[1]));
      tip.appendChild(line);
    });
    tip.hidden = false;
    var x = Math.min(pointer.x + 14, main.clientWidth - tip.offsetWidth - 6);
    var y = pointer.y + 14;
    if (y + tip.offsetHeight > main.clientHeight - 6) y = Math.max(6, pointer.y - tip.offsetHeight - 10);
    tip.style.left = Math.max(6, x) + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { tip.hidden = true; }

  function tell(kind, id) {
    if (window.parent !== window) window.parent.postMessage({ atlas: kind, id: String(id) }, "*");
  }

  var overlay = null;
  if (doc.options.physics.enabled && doc.nodes.length > 0) {
    overlay = text("div", "atlas-busy", doc.text.busy);
    main.appendChild(overlay);
  }

  var nodesById = new Map();
  doc.nodes.forEach(function (node) { nodesById.set(node.id, node); });
  // The wheel is the page's: the drawing zooms with Ctrl (or Cmd) held, or once clicked into.
  doc.options.interaction.zoomView = false;
  var network = new vis.Network(
    container,
    { nodes: new vis.DataSet(doc.nodes.map(nodeItem)), edges: new vis.DataSet(doc.edges.map(edgeItem)) },
    doc.options
  );
  window.atlasNetwork = network;

  // Where the settled layout put each node, in whole units, for the embedding page to remember.
  function report() {
    if (window.parent === window || !doc.layout) return;
    var positions = Object.create(null);
    var found = network.getPositions();
    Object.keys(found).forEach(function (id) {
      positions[entityId(id)] = [Math.round(found[id].x), Math.round(found[id].y)];
    });
    window.parent.postMessage({ atlas: "layout", key: doc.layout, positions: positions }, "*");
  }

  // The drawing fills its frame, a margin of PAD pixels kept clear of anything drawn.
  var PAD = 16;
  function fitView() {
    network.fit({ animation: false, maxZoomLevel: 1.5 });
    var w = container.clientWidth, h = container.clientHeight;
    var margin = Math.min((w - 2 * PAD) / w, (h - 2 * PAD) / h);
    if (margin > 0) network.moveTo({ scale: network.getScale() * margin });
  }

  // Fitted, and names at least readable.px pixels high on screen: names grow (up to
  // readable.maxFont), and the drawing is fitted again with its larger names, a few times.
  var growth = 1;
  function setGrowth(value) {
    growth = value;
    capped.clear();
    network.body.data.nodes.update(doc.nodes.map(function (node) {
      return { id: visId(node.id), font: { size: nodeFont(node, growth) },
               widthConstraint: { maximum: readable.width * growth } };
    }));
    if (doc.edgeLabels) {
      network.body.data.edges.update(doc.edges.map(function (edge, index) {
        return { id: index, font: { size: readable.edgeFont * growth } };
      }));
    }
  }
  function fitReadable() {
    fitView();
    for (var round = 0; round < 8; round++) {
      var scale = network.getScale();
      if (readable.font * growth * scale >= readable.px || readable.font * growth >= readable.maxFont) break;
      var wanted = Math.min(readable.maxFont, 1.02 * readable.px / scale) / readable.font;
      setGrowth(Math.max(wanted, growth * 1.05));
      fitView();
    }
    var px = readable.font * growth * network.getScale();
    document.body.setAttribute("data-label-px", String(Math.round(px * 10) / 10));
  }

  // Fitted again whenever the frame changes size, and first when it has one: a frame in a tab
  // that opens hidden has none until the tab is shown.
  var fittedTo = "", stretched = false;
  function fitToFrame() {
    var w = container.clientWidth, h = container.clientHeight;
    if (!done || w < 2 || h < 2 || fittedTo === w + "x" + h) return;
    fittedTo = w + "x" + h;
    network.setSize("100%", "100%");  // the canvas takes the frame's size at once
    if (!stretched && computed) stretch();  // a remembered or placed layout is drawn as it was given
    stretched = true;
    fitReadable();
    declutter();
    document.body.setAttribute("data-fitted", fittedTo);
  }

  // Labels never overlap: names are shown in order of priority (the focus, the lit path, then
  // the best connected) where they fit beside those already shown, and only when at least
  // readable.minPx high on screen (ties' labels: readable.minEdgePx); the others show once
  // zooming makes room. A hidden label keeps its text (tooltips, search) but is not drawn.
  var degree = new Map();
  doc.edges.forEach(function (edge) {
    degree.set(edge.from, (degree.get(edge.from) || 0) + 1);
    degree.set(edge.to, (degree.get(edge.to) || 0) + 1);
  });
  function rank(node) { return (node.focus ? 1e9 : 0) + (node.lit ? 1e8 : 0) + (degree.get(node.id) || 0); }
  var byRank = doc.nodes.slice().sort(function (a, b) { return rank(b) - rank(a); });
  var edgeOrder = doc.edges.map(function (edge, index) { return index; })
    .sort(function (a, b) { return (doc.edges[b].lit ? 1 : 0) - (doc.edges[a].lit ? 1 : 0); });
  var hidden = new Set(), shownBoxes = [];
  function guard(item, key) {
    var label = item && item.labelModule;
    if (!label || label.atlasGuarded) return;
    var draw = label.draw;
    label.draw = function () { if (!hidden.has(key)) draw.apply(label, arguments); };
    label.atlasGuarded = true;
  }
  var context = container.querySelector("canvas").getContext("2d");
  // Where a label is drawn, in drawing units: below its shape (inside a box), or centred on its tie.
  function labelBox(item, edge) {
    var size = item.labelModule.getTextSize(context, false, false);
    if (!size.width) return null;
    var x, y;
    if (edge) {
      var middle = item.edgeType.getPoint(0.5);
      x = middle.x; y = middle.y - size.height / 2;
    } else if (item.options.shape === "box") {
      x = item.x; y = item.y - size.height / 2;
    } else {
      x = item.x; y = item.y + (item.shape.height || 2 * item.options.size) / 2 + 3;
    }
    var a = network.canvasToDOM({ x: x - size.width / 2, y: y });
    var z = network.canvasToDOM({ x: x + size.width / 2, y: y + size.height });
    return { left: a.x, top: a.y, right: z.x, bottom: z.y };
  }
  function overlaps(a, kept) {
    for (var i = 0; i < kept.length; i++) {
      var b = kept[i];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return true;
    }
    return false;
  }
  function place(key, item, edge, px, least, kept) {
    guard(item, key);
    var where = item && px >= least - 0.05 ? labelBox(item, edge) : null;
    if (!where || overlaps(where, kept)) { hidden.add(key); return false; }
    where.px = px;
    where.tie = edge;
    kept.push(where);
    return true;
  }
  // Labels are drawn at least readable.minPx high on screen (ties': minEdgePx) and at most
  // readable.maxPx, however far the zoom: zooming in makes room for the names hidden.
  var capped = new Map();
  function cap(scale) {
    var most = readable.maxPx / scale, nodes = [], edges = [];
    function wanted(key, size, list, id) {
      var least = (key.charAt(0) === "n" ? readable.minPx : readable.minEdgePx) / scale;
      var want = Math.min(Math.max(size, least), most), had = capped.get(key);
      if (had !== undefined && Math.abs(had - want) < 0.02 * want) return;
      capped.set(key, want);
      var item = { id: id, font: { size: want } };
      if (list === nodes) item.widthConstraint = { maximum: readable.width * want / readable.font };
      list.push(item);
    }
    doc.nodes.forEach(function (node) { wanted("n" + node.id, nodeFont(node, growth), nodes, visId(node.id)); });
    if (doc.edgeLabels) {
      doc.edges.forEach(function (edge, index) { wanted("e" + index, readable.edgeFont * growth, edges, index); });
    }
    if (nodes.length) network.body.data.nodes.update(nodes);
    if (edges.length) network.body.data.edges.update(edges);
  }
  function declutter() {
    var scale = network.getScale(), kept = [], shown = 0;
    cap(scale);
    hidden = new Set();
    byRank.forEach(function (node) {
      var item = network.body.nodes[visId(node.id)];
      var size = item && item.labelModule ? item.labelModule.fontOptions.size : nodeFont(node, growth);
      if (place("n" + visId(node.id), item, false, size * scale, readable.minPx, kept)) shown++;
    });
    if (doc.edgeLabels) {
      edgeOrder.forEach(function (index) {
        var item = network.body.edges[index];
        var size = item && item.labelModule ? item.labelModule.fontOptions.size : readable.edgeFont * growth;
        place("e" + index, item, true, size * scale, readable.minEdgePx, kept);
      });
    }
    shownBoxes = kept;
    viewed = view();
    network.redraw();
    document.body.setAttribute("data-labels-shown", String(shown));
  }
  window.atlasLabels = function () { return shownBoxes.slice(); };
  // Again whenever the view moves (zoom, fit, selection), a moment after it stops.
  var cluttered = null, viewed = "";
  function view() {
    var at = network.getViewPosition();
    return [network.getScale().toFixed(4), at.x.toFixed(1), at.y.toFixed(1), network.getSelectedNodes().join("|")].join(",");
  }
  network.on("afterDrawing", function () {
    if (!done || view() === viewed) return;
    if (cluttered) clearTimeout(cluttered);
    cluttered = setTimeout(function () { cluttered = null; viewed = view(); declutter(); }, 60);
  });
  network.on("dragEnd", function () { if (done) declutter(); });
  if (window.ResizeObserver) new ResizeObserver(fitToFrame).observe(container);

  // A layout of free nodes takes the frame's shape: stretched (at most STRETCH times) along
  // the frame's longer side, so that it fills the frame rather than a disc in its middle.
  var STRETCH = 1.6;
  function stretch() {
    var w = container.clientWidth, h = container.clientHeight;
    if (w < 2 || h < 2 || doc.nodes.length < 3 || doc.nodes.some(function (n) { return n.x !== undefined; })) return;
    var at = network.getPositions();
    var ids = Object.keys(at);
    var xs = ids.map(function (id) { return at[id].x; }), ys = ids.map(function (id) { return at[id].y; });
    var spanX = Math.max.apply(null, xs) - Math.min.apply(null, xs) || 1;
    var spanY = Math.max.apply(null, ys) - Math.min.apply(null, ys) || 1;
    var ratio = (w / h) / (spanX / spanY);
    var fx = Math.min(STRETCH, Math.max(1, ratio)), fy = Math.min(STRETCH, Math.max(1, 1 / ratio));
    if (fx < 1.1 && fy < 1.1) return;
    ids.forEach(function (id) { network.moveNode(id, at[id].x * fx, at[id].y * fy); });
  }

  var computed = doc.options.physics.enabled;
  var done = false;
  function settled() {
    if (done) return;
    done = true;
    network.setOptions({ physics: { enabled: false } });
    fitToFrame();
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    if (doc.focus !== null && doc.focus !== undefined) network.selectNodes([visId(doc.focus)], false);
    document.body.setAttribute(
      "data-layout", placed ? "placed" : remembered ? "remembered" : computed ? "computed" : "given"
    );
    document.body.setAttribute("data-settled", "true");
    document.body.setAttribute("data-nodes", String(doc.nodes.length));
    document.body.setAttribute("data-edges", String(doc.edges.length));
    if (computed) report();
  }

  if (computed) {
    network.once("stabilizationIterationsDone", settled);
    // However many iterations are left, the layout stops once the page is that old.
    network.on("stabilizationProgress", function () {
      if (!done && performance.now() > doc.budget) {
        network.stopSimulation();
        settled();
      }
    });
  } else {
    network.once("afterDrawing", settled);
  }

  network.on("hoverNode", function (event) { showTip(nodeTip(nodesById.get(entityId(event.node))), event.pointer.DOM); });
  network.on("hoverEdge", function (event) { showTip(edgeTip(doc.edges[event.edge]), event.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
  network.on("click", function (event) {
    if (event.nodes.length) tell("select", entityId(event.nodes[0]));
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length) tell("focus", entityId(event.nodes[0]));
  });
  // Over the drawing the mouse wheel scrolls the page, as anywhere else; it zooms (around the
  // pointer) with Ctrl or Cmd held, or after a click into the drawing until the pointer leaves it.
  var zooming = false, hint = null, hintTimer = 0;
  function setZooming(on) {
    zooming = on;
    container.classList.toggle("atlas-zooming", on);
    if (on && hint) hint.hidden = true;
  }
  function showHint() {
    if (!doc.text.zoom) return;
    if (!hint) { hint = text("div", "atlas-zoom-hint", doc.text.zoom); main.appendChild(hint); }
    hint.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.hidden = true; }, 1500);
  }
  function zoomAt(event) {
    var box = container.getBoundingClientRect();
    var pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
    var under = network.DOMtoCanvas(pointer);
    var step = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    var scale = Math.min(8, Math.max(0.02, network.getScale() * Math.exp(-step * 0.002)));
    network.moveTo({ scale: scale, position: {
      x: under.x - (pointer.x - box.width / 2) / scale,
      y: under.y - (pointer.y - box.height / 2) / scale } });
    hideTip();
  }
  container.addEventListener("wheel", function (event) {
    if (zooming || event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoomAt(event);
    } else {
      showHint();
    }
  }, { passive: false, capture: true });
  container.addEventListener("pointerdown", function () { setZooming(true); });
  container.addEventListener("mouseleave", function () { setZooming(false); });
  window.atlasZooming = function () { return zooming; };
  var fit = document.getElementById("atlas-fit");
  if (fit) {
    fit.title = doc.text.fit;
    fit.setAttribute("aria-label", doc.text.fit);
    fit.addEventListener("click", function () { fittedTo = ""; fitToFrame(); });
  }
})();
