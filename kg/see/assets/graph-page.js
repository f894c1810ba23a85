/* The graph page of kg: draws the network of the embedded data with vis-network,
   and gives search by name, a filter by class, a physics switch and a details panel.
   An overview (data.overview) draws weighted links, and a click on a node adds the
   pledges and stances embedded for it (data.facts), each linked to the nodes it names.
   Every text of the data comes from documents: it is only ever set as textContent
   or drawn on the canvas, never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var PHYSICS_OFF_ABOVE = data.physicsOffAbove;
  var classes = {};
  data.classes.forEach(function (c) { classes[c.name] = c; });
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  (data.facts || []).forEach(function (f) { byId[f.id] = f; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function canvasLabel(n) {
    var s = n.label;
    return s.length > data.labelChars ? s.slice(0, data.labelChars - 1) + "\u2026" : s;
  }

  function visNode(n) {
    var c = classes[n.cls];
    return {
      id: n.id, cls: n.cls, label: canvasLabel(n), shape: c.shape, size: n.size,
      font: { size: Math.round(8 + n.size * 0.8) },
      color: { background: c.color, border: c.border,
               highlight: { background: c.color, border: "#000" },
               hover: { background: c.color, border: "#000" } }
    };
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var edge = { id: i, from: e[0], to: e[1], label: data.relations[e[2]] || e[2] };
    if (e.length > 3) {   /* a weighted link of an overview: as wide as the log of its count */
      edge.width = 0.7 + Math.log2(e[3]);
      edge.arrows = { to: { enabled: false } };
      edge.title = edge.label;
      if (data.edges.length > data.edgeLabelsUpTo) edge.label = undefined;   /* named on hover only */
    }
    return edge;
  }));
  var hidden = {};
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hidden[n.cls]; } });

  var many = data.nodes.length > PHYSICS_OFF_ABOVE;
  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: data.nodes.length <= 200 },
    physics: {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -45, springLength: 90, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: data.stabilizationIterations, updateInterval: 50 }
    },
    interaction: { hover: true, hideEdgesOnDrag: many, hideEdgesOnZoom: many, keyboard: false },
    nodes: { borderWidth: 1, font: { size: 12, face: "system-ui, sans-serif", color: "#222" } },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.4 } }, smooth: false, width: 0.7,
      color: { color: "#c4c4c4", highlight: "#444", hover: "#777" },
      font: { size: 8, color: "#666", strokeWidth: 2, strokeColor: "#fff", align: "middle" }
    }
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edges }, options);
  var physicsBox = document.getElementById("kg-physics");

  function setPhysics(on) {
    physicsBox.checked = on;
    network.setOptions({ physics: { enabled: on } });
  }
  physicsBox.addEventListener("change", function () { setPhysics(physicsBox.checked); });

  function ready() {
    if (window.kgReady) return;
    if (many) setPhysics(false);
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  network.once("stabilizationIterationsDone", ready);
  if (data.nodes.length === 0) ready();

  /* details of one node */
  var details = document.getElementById("kg-details");
  function row(dl, name, value, cls) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) return;
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", Array.isArray(value) ? value.join("\n") : value, cls));
  }
  function showDetails(id) {
    var n = byId[id];
    if (!n) return;
    var dl = el("dl");
    row(dl, "Name", n.label);
    row(dl, "Class", classes[n.cls].label);
    row(dl, "Aliases", n.aliases);
    row(dl, "Documents", n.documents);
    row(dl, "Evidence", n.evidence, "evidence");
    row(dl, "Page", n.pages);
    row(dl, "Date", n.date);
    row(dl, "Position", n.position);
    row(dl, "Amounts", n.amounts);
    if (n.counts) {
      var shown = n.facts.length;
      var all = n.counts.pledges + n.counts.stances;
      row(dl, "Pledges and stances", n.counts.pledges + " pledges, " + n.counts.stances + " stances" +
          (all ? (shown < all ? "; the first " + shown + " are drawn on a click" : "; drawn on a click") : ""));
      row(dl, "Mentioned in", n.counts.documents + (n.counts.documents === 1 ? " document" : " documents"));
      if (n.counts.hiddenLinks) row(dl, "Hidden", n.counts.hiddenLinks + " linked nodes are not drawn");
    }
    row(dl, "Links", n.names);
    if (n.scores) {
      row(dl, "Centrality", "PageRank " + n.scores.pagerank + "; " + n.scores.degree +
          (data.overview ? " linked nodes in the overview (kg stats gives the actor network)"
                         : " partners in the actor network (kg stats gives betweenness)"));
    }
    row(dl, "IRI", n.iri);
    details.replaceChildren(dl);
    details.setAttribute("data-node", String(id));
  }
  network.on("hoverNode", function (p) { showDetails(p.node); });
  network.on("selectNode", function (p) {
    if (!p.nodes.length) return;
    expand(p.nodes[0]);
    showDetails(p.nodes[0]);
  });

  /* a click on a node of an overview adds its pledges and stances, linked to what they name */
  var expanded = {};
  var nextEdge = data.edges.length;
  function expand(id) {
    var n = byId[id];
    if (!n || !n.facts || expanded[id]) return;
    expanded[id] = true;
    var added = [];
    n.facts.forEach(function (fid) {
      var f = byId[fid];
      if (!nodes.get(fid)) { added.push(visNode(f)); }
    });
    nodes.add(added);
    var links = [];
    n.facts.forEach(function (fid) {
      byId[fid].links.forEach(function (l) {
        var key = fid + " " + l[0] + " " + l[1];
        if (edges.get(key)) return;
        links.push({ id: key, from: fid, to: l[1], label: data.relations[l[0]] || l[0] });
      });
    });
    edges.add(links);
    document.body.setAttribute("data-expanded", String(Object.keys(expanded).length));
  }

  /* legend and class filter */
  var legend = document.getElementById("kg-legend");
  data.classes.forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.setAttribute("aria-label", "Show " + c.label);
    box.addEventListener("change", function () {
      if (box.checked) delete hidden[c.name]; else hidden[c.name] = true;
      nodeView.refresh();
    });
    var glyph = el("span", c.glyph, "glyph");
    glyph.style.color = c.color;
    label.appendChild(box);
    label.appendChild(glyph);
    label.appendChild(el("span", c.label));
    li.appendChild(label);
    li.appendChild(el("span", c.count, "count"));
    li.setAttribute("data-class", c.name);
    legend.appendChild(li);
  });

  /* search by name or alias */
  var names = document.getElementById("kg-names");
  var seen = {};
  data.nodes.forEach(function (n) {
    if (!classes[n.cls].searchable || seen[n.label]) return;
    seen[n.label] = true;
    var o = el("option");
    o.value = n.label;
    names.appendChild(o);
  });
  var status = document.getElementById("kg-search-status");
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("kg-search").value.trim().toLowerCase();
    if (!q) { status.textContent = ""; network.unselectAll(); return; }
    var exact = [], partial = [];
    data.nodes.forEach(function (n) {
      if (hidden[n.cls]) return;
      var forms = [n.label].concat(n.aliases || []).map(function (s) { return s.toLowerCase(); });
      if (forms.indexOf(q) >= 0) exact.push(n.id);
      else if (forms.some(function (s) { return s.indexOf(q) >= 0; })) partial.push(n.id);
    });
    var found = exact.length ? exact : partial;
    if (!found.length) {
      status.textContent = "No node named \u201c" + q + "\u201d among the classes shown.";
      network.unselectAll();
      return;
    }
    var text = exact.length ? (exact.length === 1 ? "1 node has that name" : exact.length + " nodes have that name")
                            : (partial.length === 1 ? "1 node found" : partial.length + " nodes found");
    if (found.length > 1) text += "; the first is shown";
    if (exact.length && partial.length) text += " (" + partial.length + " more contain it)";
    status.textContent = text + ".";
    network.selectNodes(found);
    network.focus(found[0], { scale: 1.2, animation: false });
    showDetails(found[0]);
  });

  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgExpand = expand;
  window.kgShowDetails = showDetails;
})();
