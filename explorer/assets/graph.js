/* Cluster Atlas: draws the graph described by #atlas-data with vis-network.
   Names and properties only ever reach the page through textContent. */
(function () {
  "use strict";
  var doc = JSON.parse(document.getElementById("atlas-data").textContent);
  var container = document.getElementById("atlas-graph");

  function text(tag, className, value) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = value == null ? "" : String(value);
    return element;
  }

  function tooltip(tip) {
    var box = document.createElement("div");
    box.className = "atlas-tip";
    box.appendChild(text("div", "atlas-tip-title", tip.title));
    if (tip.subtitle) box.appendChild(text("div", "atlas-tip-subtitle", tip.subtitle));
    (tip.rows || []).forEach(function (row) {
      var line = document.createElement("div");
      line.className = "atlas-tip-row";
      if (row[0]) line.appendChild(text("span", "atlas-tip-key", row[0]));
      line.appendChild(text("span", "atlas-tip-value", row[1]));
      box.appendChild(line);
    });
    return box;
  }

  function items(list) {
    return list.map(function (item) {
      var copy = Object.assign({}, item);
      copy.title = tooltip(item.tip);
      delete copy.tip;
      return copy;
    });
  }

  function tell(kind, id) {
    if (window.parent !== window) {
      window.parent.postMessage({ atlas: kind, id: String(id) }, "*");
    }
  }

  var overlay = null;
  if (doc.options.physics.enabled && doc.nodes.length > 0) {
    overlay = text("div", "atlas-busy", doc.text.busy);
    container.parentNode.appendChild(overlay);
  }

  var network = new vis.Network(
    container,
    { nodes: new vis.DataSet(items(doc.nodes)), edges: new vis.DataSet(items(doc.edges)) },
    doc.options
  );
  window.atlasNetwork = network;

  function settled() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    if (doc.focus !== null && doc.focus !== undefined) network.selectNodes([doc.focus], false);
    document.body.setAttribute("data-settled", "true");
    document.body.setAttribute("data-nodes", String(doc.nodes.length));
    tell("settled", doc.nodes.length);
  }

  if (doc.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      settled();
    });
  } else {
    network.once("afterDrawing", function () {
      network.fit({ animation: false });
      settled();
    });
  }

  network.on("click", function (event) {
    if (event.nodes.length) tell("select", event.nodes[0]);
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length) tell("focus", event.nodes[0]);
  });
  var fit = document.getElementById("atlas-fit");
  if (fit) {
    fit.title = doc.text.fit;
    fit.setAttribute("aria-label", doc.text.fit);
    fit.addEventListener("click", function () { network.fit({ animation: true }); });
  }
})();
