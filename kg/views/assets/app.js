/* kg view: interactive knowledge-graph page.
 *
 * Safety rule for this file: every string that comes from the data goes into
 * the DOM through textContent, createTextNode or attribute/property setters;
 * nothing here ever parses data as HTML or as code.
 */
(function () {
  'use strict';

  var T0 = (window.performance && performance.now) ? performance.now() : Date.now();
  function now() { return (window.performance && performance.now) ? performance.now() : Date.now(); }

  window.kgReady = false;
  window.kgFocused = null;
  window.kgSelected = null;

  // ------------------------------------------------------------------ utils

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function str(v) { return (v === undefined || v === null) ? '' : String(v); }
  function num(v) { var n = Number(v); return isFinite(n) ? n : 0; }
  function arr(v) { return Array.isArray(v) ? v : []; }
  function obj(v) { return (v && typeof v === 'object' && !Array.isArray(v)) ? v : {}; }

  var NF = null;
  try { NF = new Intl.NumberFormat('en-US'); } catch (e) { NF = null; }
  function fmt(n) {
    n = num(n);
    if (Math.abs(n) < 1000) return String(n);
    return NF ? NF.format(n) : String(n);
  }

  function plural(n, one, many) { return fmt(n) + ' ' + (num(n) === 1 ? one : (many || one + 's')); }

  function shorten(s, max) {
    s = str(s).replace(/\s+/g, ' ').trim();
    if (s.length <= max) return s;
    var cut = s.slice(0, max - 1);
    var sp = cut.lastIndexOf(' ');
    if (sp > max * 0.6) cut = cut.slice(0, sp);
    return cut.replace(/[\s,;:.]+$/, '') + '\u2026';
  }

  // Normalised search key: lower case, hyphens/dashes, spaces and underscores removed.
  function normKey(s) {
    return str(s).toLowerCase().replace(/[\s\-\u2010-\u2015\u2212_]+/g, '');
  }

  var HEX_RE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  function safeColor(c, fallback) {
    c = str(c).trim();
    if (HEX_RE.test(c)) return c;
    if (/^(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\)$/i.test(c)) return c;
    if (/^[a-z]{3,20}$/i.test(c)) return c;
    return fallback;
  }

  function hexToRgb(c) {
    var m = HEX_RE.exec(c);
    if (!m) return null;
    var h = m[1];
    if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }

  function mix(c, target, t) {
    var a = hexToRgb(c), b = hexToRgb(target);
    if (!a || !b) return c;
    function ch(i) { var v = Math.round(a[i] + (b[i] - a[i]) * t).toString(16); return v.length < 2 ? '0' + v : v; }
    return '#' + ch(0) + ch(1) + ch(2);
  }

  var VALID_SHAPES = {
    dot: 1, circle: 1, ellipse: 1, box: 1, database: 1, text: 1, diamond: 1, square: 1,
    star: 1, triangle: 1, triangleDown: 1, hexagon: 1
  };
  // Shapes whose size is set by `size` (label below); the others fit their label.
  var SIZED_SHAPES = { dot: 1, diamond: 1, square: 1, star: 1, triangle: 1, triangleDown: 1, hexagon: 1 };

  var FALLBACK_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

  var EDGE_KINDS = {
    'co-used':      { color: '#b4bcc8', label: 'used together', dashes: false, arrows: false },
    'variant_of':   { color: '#9c6ade', label: 'variant of', dashes: true, arrows: true },
    'part_of':      { color: '#59a14f', label: 'part of', dashes: false, arrows: true },
    'evaluated_on': { color: '#e15759', label: 'evaluated on', dashes: false, arrows: true },
    'for_task':     { color: '#f28e2b', label: 'for task', dashes: false, arrows: true },
    'based_on':     { color: '#4e9fa8', label: 'based on', dashes: true, arrows: true },
    'compared_with': { color: '#b07aa1', label: 'compared with', dashes: true, arrows: true },
    'metric_for':   { color: '#9c755f', label: 'metric for', dashes: true, arrows: true },
    'trained_on':   { color: '#edc948', label: 'trained on', dashes: false, arrows: true },
    'dataset_for':  { color: '#76b7b2', label: 'dataset for', dashes: false, arrows: true },
    'paper-role':   { color: '#c9d0da', label: 'paper mentions', dashes: false, arrows: true }
  };
  var EDGE_FALLBACK = { color: '#b4bcc8', label: null, dashes: false, arrows: false };
  function kindSpec(kind) {
    return Object.prototype.hasOwnProperty.call(EDGE_KINDS, kind) ? EDGE_KINDS[kind] : EDGE_FALLBACK;
  }


  // ------------------------------------------------------------------ data

  var timings = window.kgTimings = {};
  function mark(name) { timings[name] = Math.round(now() - T0); }

  var raw;
  try {
    raw = JSON.parse($('kg-data').textContent || '{}');
  } catch (e) {
    raw = {};
    showFatal('The graph data could not be read: ' + (e && e.message));
  }
  raw = obj(raw);
  var meta = obj(raw.meta);
  var typesIn = obj(raw.types);
  var nodesIn = arr(raw.nodes);
  var edgesIn = arr(raw.edges);

  function showFatal(msg) {
    var box = $('kg-loading');
    if (box) { box.textContent = msg; box.style.color = '#b42318'; }
  }

  // Types: keep the order of `types`, then any type only seen on nodes.
  var types = Object.create(null);
  var typeOrder = [];
  function addType(name, spec) {
    if (types[name]) return;
    spec = obj(spec);
    var color = safeColor(spec.color, FALLBACK_COLORS[typeOrder.length % FALLBACK_COLORS.length]);
    var shape = Object.prototype.hasOwnProperty.call(VALID_SHAPES, spec.shape) ? spec.shape : 'dot';
    types[name] = { name: name, color: color, shape: shape, label: str(spec.label) || name, count: 0, visible: true };
    typeOrder.push(name);
  }
  Object.keys(typesIn).forEach(function (k) { addType(k, typesIn[k]); });

  var nodeById = Object.create(null);
  var nodeList = [];
  nodesIn.forEach(function (n) {
    n = obj(n);
    var id = str(n.id);
    if (!id || nodeById[id]) return;
    var type = str(n.type) || 'Entity';
    addType(type, typesIn[type]);
    var rec = {
      id: id,
      label: str(n.label) || id,
      type: type,
      papers: Math.max(0, num(n.papers)),
      x: (n.x === null || n.x === undefined || !isFinite(Number(n.x))) ? null : Number(n.x),
      y: (n.y === null || n.y === undefined || !isFinite(Number(n.y))) ? null : Number(n.y),
      aliases: arr(n.aliases).map(str).filter(function (a) { return a; }),
      roles: obj(n.roles),
      evidence: n.evidence === null || n.evidence === undefined ? null : str(n.evidence),
      paperList: arr(n.paper_list).map(obj),
      neighbours: arr(n.neighbours).map(str)
    };
    nodeById[id] = rec;
    nodeList.push(rec);
    types[type].count++;
  });

  var edgeList = [];
  var edgeKindCount = Object.create(null);
  var adjacency = Object.create(null);
  edgesIn.forEach(function (e, i) {
    e = obj(e);
    var from = str(e.from), to = str(e.to);
    if (!nodeById[from] || !nodeById[to]) return;
    var kind = str(e.kind) || 'related';
    edgeKindCount[kind] = (edgeKindCount[kind] || 0) + 1;
    var rec = { id: 'e' + i, from: from, to: to, kind: kind, weight: Math.max(1, num(e.weight) || 1), label: e.label === null || e.label === undefined ? null : str(e.label) };
    edgeList.push(rec);
    (adjacency[from] = adjacency[from] || []).push(to);
    (adjacency[to] = adjacency[to] || []).push(from);
  });

  // Neighbours: the renderer's list, completed with the drawn edges.
  nodeList.forEach(function (n) {
    var seen = Object.create(null);
    var out = [];
    n.neighbours.concat(adjacency[n.id] || []).forEach(function (m) {
      if (m && m !== n.id && !seen[m]) { seen[m] = 1; out.push(m); }
    });
    n.neighbours = out;
  });

  mark('parsed');
  var BIG = nodeList.length > 600 || edgeList.length > 2500;
  var layout = meta.layout === 'physics' ? 'physics' : 'precomputed';

  // ------------------------------------------------------------------ header

  (function header() {
    var total = meta.total_nodes !== undefined ? num(meta.total_nodes) : nodeList.length;
    var shown = meta.shown_nodes !== undefined ? num(meta.shown_nodes) : nodeList.length;
    var totalE = meta.total_edges !== undefined ? num(meta.total_edges) : edgeList.length;
    var shownE = meta.shown_edges !== undefined ? num(meta.shown_edges) : edgeList.length;
    var c = $('kg-counts');
    c.textContent = '';
    var s1 = el('strong', null, fmt(shown));
    c.appendChild(s1);
    c.appendChild(document.createTextNode(' of ' + fmt(total) + ' entities shown \u00b7 '));
    c.appendChild(el('strong', null, fmt(shownE)));
    c.appendChild(document.createTextNode(' of ' + fmt(totalE) + ' relations'));

    var note = meta.omitted_note;
    var box = $('kg-omitted');
    if (note !== null && note !== undefined && str(note).trim()) {
      appendWithCode(box, str(note));
      box.hidden = false;
    }
    if (meta.generated) $('kg-generated').textContent = 'Generated ' + str(meta.generated);
  })();

  // Text with `backtick` spans rendered as <code>, built node by node.
  function appendWithCode(parent, text) {
    var parts = text.split('`');
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      if (i % 2 === 1 && i < parts.length - 1) parent.appendChild(el('code', null, parts[i]));
      else parent.appendChild(document.createTextNode(i % 2 === 1 ? '`' + parts[i] : parts[i]));
    }
  }

  // ------------------------------------------------------------------ roles

  function roleEntries(roles) {
    return Object.keys(roles).map(function (k) { return [k, num(roles[k])]; })
      .filter(function (p) { return p[1] > 0; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }

  function roleBadge(role, count) {
    var b = el('span', 'kg-role', role.replace(/_/g, ' '));
    b.setAttribute('data-role', role);
    if (count !== undefined) b.appendChild(el('span', 'kg-role-count', fmt(count)));
    return b;
  }

  function swatch(type, small) {
    var t = types[type];
    var s = el('span', 'kg-swatch' + (small ? ' kg-swatch-sm' : ''));
    s.setAttribute('data-shape', t ? t.shape : 'dot');
    s.style.backgroundColor = t ? t.color : '#999';
    s.setAttribute('aria-hidden', 'true');
    return s;
  }

  // ------------------------------------------------------------------ tooltips

  function nodeTooltip(n) {
    var t = types[n.type];
    var box = el('div', 'kg-tip');
    var head = el('div', 'kg-tip-head');
    head.appendChild(swatch(n.type, true));
    head.appendChild(el('span', 'kg-tip-label', n.label));
    box.appendChild(head);
    box.appendChild(el('div', 'kg-tip-type', t ? t.label : n.type));
    if (n.aliases.length) {
      var shown = n.aliases.slice(0, 6).map(function (a) { return shorten(a, 40); }).join(', ');
      if (n.aliases.length > 6) shown += ', +' + (n.aliases.length - 6) + ' more';
      box.appendChild(el('div', 'kg-tip-aliases', 'Also: ' + shown));
    }
    box.appendChild(el('div', 'kg-tip-stats', plural(n.papers, 'paper') +
      (n.neighbours.length ? ' \u00b7 ' + plural(n.neighbours.length, 'connection') : '')));
    var roles = roleEntries(n.roles);
    if (roles.length) {
      var r = el('div', 'kg-tip-roles');
      roles.slice(0, 6).forEach(function (p) { r.appendChild(roleBadge(p[0], p[1])); });
      box.appendChild(r);
    }
    if (n.evidence) box.appendChild(el('div', 'kg-tip-evidence', '\u201c' + shorten(n.evidence, 220) + '\u201d'));
    return box;
  }

  function edgeTooltip(e) {
    var k = kindSpec(e.kind);
    var box = el('div', 'kg-tip');
    box.appendChild(el('div', 'kg-tip-label', shorten(nodeById[e.from].label, 60) + ' \u2194 ' + shorten(nodeById[e.to].label, 60)));
    var desc = k.label || e.kind.replace(/_/g, ' ');
    box.appendChild(el('div', 'kg-tip-type', desc + (e.label && e.label !== desc ? ' \u00b7 ' + shorten(e.label, 80) : '')));
    box.appendChild(el('div', 'kg-tip-stats', 'weight ' + fmt(e.weight) + (e.kind === 'co-used' ? ' (papers using both)' : '')));
    return box;
  }

  // ------------------------------------------------------------------ positions

  function nodeSize(papers) { return Math.min(48, 10 + 6 * Math.sqrt(Math.max(0, papers))); }
  function fontSize(papers) { return Math.round(Math.min(22, 14 + 1.2 * Math.sqrt(Math.max(0, papers)))); }

  function computePositions() {
    // The renderer's coordinates are page pixels, already spread so that nodes
    // of these sizes do not overlap: use them as they are, centred. Nodes
    // without coordinates go on a ring outside the layout.
    var placed = nodeList.filter(function (n) { return n.x !== null && n.y !== null; });
    var pos = Object.create(null);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    placed.forEach(function (p) {
      if (p.x < minX) minX = p.x; if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y; if (p.y > maxY) maxY = p.y;
    });
    var extent = placed.length ? Math.max(maxX - minX, maxY - minY) : 0;
    var target = Math.max(600, extent);
    var cx = placed.length ? (minX + maxX) / 2 : 0, cy = placed.length ? (minY + maxY) / 2 : 0;
    placed.forEach(function (p) { pos[p.id] = { x: p.x - cx, y: p.y - cy }; });
    var missing = nodeList.filter(function (p) { return p.x === null || p.y === null; });
    var radius = (placed.length ? target * 0.62 : Math.max(200, Math.sqrt(missing.length) * 60));
    missing.forEach(function (p, i) {
      var a = (2 * Math.PI * i) / Math.max(1, missing.length);
      pos[p.id] = { x: Math.cos(a) * radius, y: Math.sin(a) * radius };
    });
    return pos;
  }

  // ------------------------------------------------------------------ vis datasets

  var positions = layout === 'precomputed' ? computePositions() : null;

  function nodeColor(n) {
    var c = types[n.type].color;
    var border = mix(c, '#000000', 0.25);
    return {
      background: c, border: border,
      highlight: { background: c, border: '#1f2933' },
      hover: { background: mix(c, '#ffffff', 0.15), border: '#1f2933' }
    };
  }

  function nodeFont(n) {
    return {
      size: fontSize(n.papers),
      color: '#1f2933',
      strokeWidth: 4,
      strokeColor: '#ffffff',
      face: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif'
    };
  }

  function visNode(n) {
    var t = types[n.type];
    var label = n.label.length > 48 ? shorten(n.label, 48) : n.label;
    var v = {
      id: n.id,
      label: label,
      title: nodeTooltip(n),
      shape: t.shape,
      size: nodeSize(n.papers),
      color: nodeColor(n),
      font: nodeFont(n),
      borderWidth: 1.5,
      borderWidthSelected: 3,
      hidden: !t.visible,
      mass: 1 + Math.min(5, n.neighbours.length / 10)
    };
    if (!Object.prototype.hasOwnProperty.call(SIZED_SHAPES, t.shape)) v.widthConstraint = { maximum: 180 };
    if (positions) { v.x = positions[n.id].x; v.y = positions[n.id].y; }
    return v;
  }

  function edgeColor(e) {
    var k = kindSpec(e.kind);
    return { color: k.color, highlight: '#1f2933', hover: mix(k.color, '#000000', 0.3), opacity: (e.kind === 'co-used' || e.kind === 'paper-role' ? 0.75 : 0.95) };
  }

  function visEdge(e) {
    var k = kindSpec(e.kind);
    var v = {
      id: e.id,
      from: e.from,
      to: e.to,
      width: Math.min(9, 0.6 + 0.9 * Math.sqrt(e.weight)),
      color: edgeColor(e),
      dashes: k.dashes,
      title: edgeTooltip(e)
    };
    if (k.arrows) v.arrows = { to: { enabled: true, scaleFactor: 0.5 } };
    // Draw a relation's label only when it says more than its colour does.
    var redundant = !e.label || normKey(e.label) === normKey(k.label || '') || normKey(e.label) === normKey(e.kind);
    if (!redundant && !BIG) {
      v.label = shorten(e.label, 30);
      v.font = { size: 10, color: '#66707c', strokeWidth: 3, strokeColor: '#ffffff', align: 'middle' };
    }
    return v;
  }

  var t1 = now();
  var nodes = new vis.DataSet(nodeList.map(visNode));
  var edges = new vis.DataSet(edgeList.map(visEdge));
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgData = raw;
  mark('datasets');

  // ------------------------------------------------------------------ network

  var options = {
    autoResize: true,
    nodes: {
      shape: 'dot',
      scaling: { label: { enabled: false, drawThreshold: 7, maxVisible: 28 } },
      shapeProperties: { interpolation: false }
    },
    edges: {
      smooth: BIG ? false : { enabled: true, type: 'continuous', roundness: 0.3 },
      selectionWidth: function (w) { return w + 1.5; },
      hoverWidth: function (w) { return w + 1; },
      scaling: { label: { drawThreshold: 7 } }
    },
    layout: { improvedLayout: layout === 'physics' && nodeList.length <= 150, randomSeed: 7 },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: BIG,
      hideEdgesOnZoom: edgeList.length > 6000,
      navigationButtons: false,
      keyboard: { enabled: false },
      multiselect: false
    }
  };

  if (layout === 'precomputed') {
    options.physics = { enabled: false, stabilization: { enabled: false } };
  } else {
    options.physics = {
      enabled: true,
      solver: 'forceAtlas2Based',
      forceAtlas2Based: { gravitationalConstant: -38, centralGravity: 0.012, springLength: 70, springConstant: 0.08, damping: 0.5, avoidOverlap: 0.5 },
      minVelocity: 1,
      stabilization: { enabled: true, iterations: Math.min(200, Math.max(60, Math.round(150000 / Math.max(1, nodeList.length)))), updateInterval: 50, fit: true }
    };
  }

  var container = $('kg-graph');
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  mark('network');

  var stable = layout === 'precomputed';
  var readyDone = false;

  function markReady() {
    if (readyDone) return;
    readyDone = true;
    window.kgStableMs = Math.round(now() - T0);
    mark('stable');
    window.kgReady = true;
    document.body.dataset.ready = 'true';
    document.body.setAttribute('aria-busy', 'false');
  }

  network.on('afterDrawing', function (ctx) {
    drawHighlight(ctx);
    if (stable && !readyDone) markReady();
  });

  if (layout === 'physics') {
    var stopPhysics = function () {
      if (stable) return;
      network.setOptions({ physics: { enabled: false } });
      stable = true;
      network.redraw();
    };
    network.once('stabilizationIterationsDone', stopPhysics);
    network.once('stabilized', stopPhysics);
    // Safety net: never leave the page moving (or un-ready) for long.
    setTimeout(function () { if (!stable) { network.stopSimulation(); stopPhysics(); } }, 15000);
  } else {
    if (nodeList.length) network.fit({ animation: false });
    else setTimeout(function () { network.redraw(); }, 0);
  }
  if (!nodeList.length) {
    // Nothing to draw: the page is as stable as it will get.
    setTimeout(function () { stable = true; markReady(); }, 0);
  }

  // ------------------------------------------------------------------ highlight
  //
  // Dimming everything else through the DataSets would re-parse the options of
  // every node and edge (hundreds of ms at a few thousand), so the highlight is
  // drawn instead: after vis has drawn the frame, a translucent wash covers it
  // and the chosen node, its neighbours and its edges are drawn again on top.
  // Cost is proportional to the neighbourhood, not to the graph.

  var highlight = null; // {id, nodes: [ids], edges: [ids]}

  function applyHighlight(id) {
    if (id && nodeById[id]) {
      var nbs = nodeById[id].neighbours.filter(function (m) { return nodeById[m] && m !== id; });
      var incident = network.getConnectedEdges(id);
      highlight = { id: id, nodes: nbs, edges: incident };
      window.kgHighlighted = [id].concat(nbs);
      document.body.setAttribute('data-highlight', id);
    } else {
      highlight = null;
      window.kgHighlighted = null;
      document.body.removeAttribute('data-highlight');
    }
    network.redraw();
  }

  function drawHighlight(ctx) {
    if (!highlight) return;
    var body = network.body;
    if (!body || !body.nodes || !body.nodes[highlight.id]) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.fillStyle = 'rgba(251, 251, 252, 0.88)';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var i, item;
    try {
      for (i = 0; i < highlight.edges.length; i++) {
        item = body.edges[highlight.edges[i]];
        if (item && item.connected !== false && !(item.options && item.options.hidden) &&
            item.from && item.to && !item.from.options.hidden && !item.to.options.hidden) item.draw(ctx);
      }
      var labels = [];
      var ids = highlight.nodes.concat([highlight.id]);
      for (i = 0; i < ids.length; i++) {
        item = body.nodes[ids[i]];
        if (!item || item.options.hidden) continue;
        var r = item.draw(ctx);
        // Dots, squares etc. draw their label afterwards (as vis does).
        if (r && typeof r.drawExternalLabel === 'function') labels.push(r.drawExternalLabel);
      }
      for (i = 0; i < labels.length; i++) labels[i]();
    } catch (e) {
      // Never let a drawing problem break the page; the wash alone still shows the selection.
    }
  }

  // ------------------------------------------------------------------ panel

  var panel = $('kg-panel');

  function clearChildren(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  function renderPanel(n) {
    var t = types[n.type];
    var chip = $('kg-panel-type');
    clearChildren(chip);
    chip.appendChild(swatch(n.type, true));
    chip.appendChild(document.createTextNode(t ? t.label : n.type));
    $('kg-panel-title').textContent = n.label;

    var al = $('kg-panel-aliases');
    clearChildren(al);
    if (n.aliases.length) {
      al.appendChild(document.createTextNode('Also known as '));
      n.aliases.forEach(function (a) { al.appendChild(el('span', 'kg-alias', a)); });
    }

    var st = $('kg-panel-stats');
    clearChildren(st);
    st.appendChild(el('strong', null, fmt(n.papers)));
    st.appendChild(document.createTextNode(n.papers === 1 ? ' paper' : ' papers'));
    st.appendChild(document.createTextNode(' \u00b7 '));
    st.appendChild(el('strong', null, fmt(n.neighbours.length)));
    st.appendChild(document.createTextNode(n.neighbours.length === 1 ? ' connection' : ' connections'));

    var rl = $('kg-panel-roles');
    clearChildren(rl);
    roleEntries(n.roles).forEach(function (p) { rl.appendChild(roleBadge(p[0], p[1])); });

    var ev = $('kg-panel-evidence');
    ev.textContent = n.evidence ? n.evidence : '';
    ev.hidden = !n.evidence;

    var ul = $('kg-panel-papers');
    clearChildren(ul);
    n.paperList.forEach(function (p) {
      var li = el('li', 'kg-paper');
      var role = str(p.role);
      li.setAttribute('data-paper-id', str(p.id));
      if (role) li.setAttribute('data-role', role);
      var top = el('div', 'kg-paper-top');
      top.appendChild(el('div', 'kg-paper-title', str(p.title) || str(p.id) || '(untitled)'));
      if (role) top.appendChild(roleBadge(role));
      li.appendChild(top);
      if (p.evidence) li.appendChild(el('div', 'kg-paper-evidence', '\u201c' + str(p.evidence) + '\u201d'));
      if (p.id && p.title) li.appendChild(el('div', 'kg-paper-id', str(p.id)));
      ul.appendChild(li);
    });
    $('kg-panel-papers-head').textContent = 'Papers (' + fmt(n.papers || n.paperList.length) + ')';
    $('kg-panel-papers-head').hidden = !n.paperList.length;
    var pn = $('kg-panel-papers-note');
    if (n.paperList.length && n.papers > n.paperList.length) {
      pn.textContent = 'Showing ' + fmt(n.paperList.length) + ' of ' + fmt(n.papers) + ' papers.';
      pn.hidden = false;
    } else {
      pn.hidden = true;
    }

    var nb = $('kg-panel-neighbours');
    clearChildren(nb);
    var list = n.neighbours.slice().sort(function (a, b) {
      var na = nodeById[a], nb2 = nodeById[b];
      if (!na !== !nb2) return na ? -1 : 1;
      if (!na) return a < b ? -1 : 1;
      return nb2.papers - na.papers || (na.label < nb2.label ? -1 : 1);
    });
    list.forEach(function (mid) {
      var m = nodeById[mid];
      var li = el('li');
      var b = el('button', 'kg-neighbour');
      b.type = 'button';
      b.setAttribute('data-id', mid);
      if (m) {
        b.appendChild(swatch(m.type, true));
        b.appendChild(el('span', 'kg-neighbour-label', m.label));
        b.appendChild(el('span', 'kg-neighbour-count', fmt(m.papers)));
        b.title = (types[m.type] ? types[m.type].label : m.type) + ' \u00b7 ' + plural(m.papers, 'paper');
      } else {
        b.appendChild(el('span', 'kg-neighbour-label', mid));
        b.appendChild(el('span', 'kg-neighbour-count', 'not shown'));
        b.disabled = true;
      }
      li.appendChild(b);
      nb.appendChild(li);
    });
    $('kg-panel-neighbours-head').textContent = 'Connected (' + fmt(n.neighbours.length) + ')';
    $('kg-panel-neighbours-head').hidden = !n.neighbours.length;

    $('kg-panel-body').scrollTop = 0;
    panel.hidden = false;
  }

  $('kg-panel-neighbours').addEventListener('click', function (ev) {
    var b = ev.target && ev.target.closest ? ev.target.closest('button.kg-neighbour') : null;
    if (!b || b.disabled) return;
    selectNode(b.getAttribute('data-id'), { focus: true });
  });

  function closePanel() {
    panel.hidden = true;
    applyHighlight(null);
    network.unselectAll();
    window.kgSelected = null;
    window.kgFocused = null;
  }

  $('kg-panel-close').addEventListener('click', closePanel);

  // ------------------------------------------------------------------ selection

  function ensureTypeVisible(type) {
    if (types[type] && !types[type].visible) setTypeVisible(type, true);
  }

  function selectNode(id, opts) {
    opts = opts || {};
    id = str(id);
    var n = nodeById[id];
    if (!n) return null;
    ensureTypeVisible(n.type);
    network.selectNodes([id], false);
    applyHighlight(id);
    renderPanel(n);
    window.kgSelected = id;
    window.kgFocused = id;
    if (opts.focus) focusNode(id);
    return id;
  }

  // vis animates per frame (assuming 60 fps), so on a big graph with slow
  // frames the move can take far longer than asked; snap to the end when the
  // time is up.
  var FOCUS_MS = 600;
  var focusTimer = null;
  var animating = false;
  network.on('animationFinished', function () { animating = false; });
  function focusNode(id) {
    if (focusTimer) { clearTimeout(focusTimer); focusTimer = null; }
    animating = true;
    network.focus(id, { scale: 1.2, locked: false, animation: { duration: FOCUS_MS, easingFunction: 'easeInOutQuad' } });
    focusTimer = setTimeout(function () {
      focusTimer = null;
      if (animating && nodeById[id]) {
        animating = false;
        network.focus(id, { scale: 1.2, locked: false, animation: false });
      }
    }, FOCUS_MS + 120);
  }

  window.kgSelect = function (id, opts) {
    return selectNode(id, { focus: !(opts && opts.focus === false) });
  };

  network.on('click', function (params) {
    if (params.nodes && params.nodes.length) {
      selectNode(params.nodes[0], { focus: false });
    } else if (!params.edges || !params.edges.length) {
      closePanel();
    }
  });

  // ------------------------------------------------------------------ legend / type filter

  function setTypeVisible(type, visible) {
    var t = types[type];
    if (!t) return;
    t.visible = !!visible;
    var upd = [];
    nodeList.forEach(function (n) { if (n.type === type) upd.push({ id: n.id, hidden: !t.visible }); });
    if (upd.length) nodes.update(upd);
    var box = document.querySelector('#kg-legend input[data-type="' + cssEscape(type) + '"]');
    if (box) {
      box.checked = t.visible;
      var item = box.closest('.kg-legend-item');
      if (item) item.classList.toggle('kg-off', !t.visible);
    }
    if (!t.visible && window.kgSelected && nodeById[window.kgSelected] && nodeById[window.kgSelected].type === type) closePanel();
  }
  window.kgSetTypeVisible = setTypeVisible;

  function cssEscape(s) {
    if (window.CSS && CSS.escape) return CSS.escape(s);
    return str(s).replace(/["\\]/g, '\\$&');
  }

  (function legend() {
    var box = $('kg-legend');
    typeOrder.forEach(function (name) {
      var t = types[name];
      if (!t.count) return; // one entry per type present
      var item = el('label', 'kg-legend-item');
      var cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.checked = true;
      cb.setAttribute('data-type', name);
      cb.setAttribute('aria-label', 'Show ' + t.label);
      cb.addEventListener('change', function () { setTypeVisible(name, cb.checked); });
      item.appendChild(cb);
      item.appendChild(swatch(name));
      var txt = el('span', 'kg-legend-text');
      txt.appendChild(el('span', 'kg-legend-label', t.label));
      txt.appendChild(el('span', 'kg-legend-shape', t.shape));
      item.appendChild(txt);
      item.appendChild(el('span', 'kg-legend-count', fmt(t.count)));
      item.setAttribute('data-type', name);
      box.appendChild(item);
    });
    $('kg-types-all').addEventListener('click', function () { typeOrder.forEach(function (n) { if (types[n].count) setTypeVisible(n, true); }); });
    $('kg-types-none').addEventListener('click', function () { typeOrder.forEach(function (n) { if (types[n].count) setTypeVisible(n, false); }); });

    var eb = $('kg-edge-legend');
    Object.keys(edgeKindCount).sort(function (a, b) { return edgeKindCount[b] - edgeKindCount[a]; }).forEach(function (kind) {
      var k = kindSpec(kind);
      var row = el('div', 'kg-edge-item');
      var line = el('span', 'kg-edge-line' + (k.dashes ? ' kg-dashed' : ''));
      line.style.borderTopColor = k.color;
      row.appendChild(line);
      row.appendChild(el('span', null, k.label || kind.replace(/_/g, ' ')));
      row.appendChild(el('span', 'kg-edge-count', fmt(edgeKindCount[kind])));
      eb.appendChild(row);
    });
    if (!eb.firstChild) eb.appendChild(el('div', 'kg-note', 'No relations shown.'));
  })();

  // ------------------------------------------------------------------ search

  // One entry per (node, name); names are the label and the aliases.
  var searchIndex = [];
  nodeList.forEach(function (n) {
    var seen = Object.create(null);
    [n.label].concat(n.aliases).forEach(function (name, i) {
      var key = normKey(name);
      if (!key || seen[key]) return;
      seen[key] = 1;
      searchIndex.push({ key: key, id: n.id, name: name, alias: i > 0 });
    });
  });

  var MAX_SUGGESTIONS = 12;

  function findMatches(text, limit) {
    var q = normKey(text);
    if (!q) return [];
    var best = Object.create(null); // id -> match
    for (var i = 0; i < searchIndex.length; i++) {
      var s = searchIndex[i];
      var pos = s.key.indexOf(q);
      if (pos < 0) continue;
      var rank = s.key === q ? 0 : (pos === 0 ? 1 : 2);
      var m = { id: s.id, name: s.name, alias: s.alias, rank: rank, exact: s.key === q };
      var prev = best[s.id];
      if (!prev || rank < prev.rank || (rank === prev.rank && prev.alias && !s.alias)) best[s.id] = m;
    }
    var out = Object.keys(best).map(function (k) { return best[k]; });
    out.sort(function (a, b) {
      return a.rank - b.rank ||
        (a.alias === b.alias ? 0 : (a.alias ? 1 : -1)) ||
        nodeById[b.id].papers - nodeById[a.id].papers ||
        a.name.length - b.name.length ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return limit ? out.slice(0, limit) : out;
  }

  // Exact label, then exact id, then exact alias, then a unique match.
  function resolve(text) {
    var raw = str(text).trim();
    if (!raw) return null;
    var q = normKey(raw);
    var i, n;
    for (i = 0; i < nodeList.length; i++) { n = nodeList[i]; if (n.label === raw) return n.id; }
    if (nodeById[raw]) return raw;
    var all = findMatches(raw, 0);
    var exactLabel = all.filter(function (m) { return m.exact && !m.alias; });
    if (exactLabel.length) return exactLabel[0].id;
    var exactAlias = all.filter(function (m) { return m.exact; });
    if (exactAlias.length) return exactAlias[0].id;
    if (all.length === 1) return all[0].id;
    return q ? null : null;
  }

  var input = $('kg-search');
  var sugBox = $('kg-suggestions');
  var suggestions = [];
  var active = -1;

  function closeSuggestions() {
    sugBox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(i) {
    var items = sugBox.querySelectorAll('li[role="option"]');
    if (!items.length) { active = -1; return; }
    if (i < 0) i = items.length - 1;
    if (i >= items.length) i = 0;
    for (var k = 0; k < items.length; k++) {
      items[k].classList.toggle('kg-active', k === i);
      items[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
    }
    active = i;
    input.setAttribute('aria-activedescendant', items[i].id);
    items[i].scrollIntoView({ block: 'nearest' });
  }

  function renderSuggestions() {
    var text = input.value;
    input.classList.remove('kg-nomatch');
    clearChildren(sugBox);
    active = -1;
    if (!normKey(text)) { suggestions = []; closeSuggestions(); return; }
    suggestions = findMatches(text, MAX_SUGGESTIONS);
    if (!suggestions.length) {
      var none = el('li', 'kg-empty', 'No matching entity');
      none.setAttribute('role', 'presentation');
      sugBox.appendChild(none);
    }
    suggestions.forEach(function (m, i) {
      var n = nodeById[m.id];
      var li = el('li');
      li.id = 'kg-sug-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.setAttribute('data-id', m.id);
      li.setAttribute('data-index', String(i));
      li.appendChild(swatch(n.type, true));
      var txt = el('span', 'kg-sug-text', n.label);
      if (m.alias) txt.appendChild(el('span', 'kg-sug-alias', 'alias: ' + m.name));
      li.appendChild(txt);
      li.appendChild(el('span', 'kg-sug-count', fmt(n.papers)));
      li.title = (types[n.type] ? types[n.type].label : n.type) + ' \u00b7 ' + plural(n.papers, 'paper');
      sugBox.appendChild(li);
    });
    sugBox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function choose(id) {
    if (!id || !nodeById[id]) return null;
    closeSuggestions();
    input.value = nodeById[id].label;
    input.classList.remove('kg-nomatch');
    return selectNode(id, { focus: true });
  }

  input.addEventListener('input', renderSuggestions);
  input.addEventListener('focus', function () { if (normKey(input.value) && sugBox.hidden) renderSuggestions(); });
  input.addEventListener('blur', function () { setTimeout(closeSuggestions, 120); });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' || ev.key === 'Down') {
      ev.preventDefault();
      if (sugBox.hidden) renderSuggestions();
      setActive(active + 1);
    } else if (ev.key === 'ArrowUp' || ev.key === 'Up') {
      ev.preventDefault();
      if (sugBox.hidden) renderSuggestions();
      setActive(active - 1);
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      var id = (active >= 0 && suggestions[active]) ? suggestions[active].id : resolve(input.value);
      if (id) choose(id);
      else if (normKey(input.value)) { input.classList.add('kg-nomatch'); if (sugBox.hidden) renderSuggestions(); }
    } else if (ev.key === 'Escape' || ev.key === 'Esc') {
      if (!sugBox.hidden) { closeSuggestions(); ev.stopPropagation(); }
      else if (input.value) { input.value = ''; input.classList.remove('kg-nomatch'); }
      else input.blur();
    }
  });

  sugBox.addEventListener('mousedown', function (ev) {
    ev.preventDefault(); // keep focus in the input
    var li = ev.target && ev.target.closest ? ev.target.closest('li[role="option"]') : null;
    if (li) choose(li.getAttribute('data-id'));
  });
  sugBox.addEventListener('mousemove', function (ev) {
    var li = ev.target && ev.target.closest ? ev.target.closest('li[role="option"]') : null;
    if (li) {
      var i = Number(li.getAttribute('data-index'));
      if (i !== active) setActive(i);
    }
  });

  window.kgSearch = function (text) {
    var id = resolve(text);
    if (!id) return null;
    return choose(id);
  };
  window.kgFindMatches = function (text) {
    return findMatches(text, MAX_SUGGESTIONS).map(function (m) { return m.id; });
  };

  // ------------------------------------------------------------------ misc controls

  $('kg-fit').addEventListener('click', function () {
    network.fit({ animation: { duration: 500, easingFunction: 'easeInOutQuad' } });
  });

  document.addEventListener('keydown', function (ev) {
    var tag = ev.target && ev.target.tagName;
    var typing = tag === 'INPUT' || tag === 'TEXTAREA' || (ev.target && ev.target.isContentEditable);
    if (!typing && ev.key === '/') { ev.preventDefault(); input.focus(); input.select(); }
    else if (!typing && (ev.key === 'Escape' || ev.key === 'Esc') && !panel.hidden) closePanel();
  });

  window.kgSetupMs = Math.round(now() - t1);
})();
