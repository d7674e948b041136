// Draws a user's memory network from GET /api/v1/users/{user_id}/graph with cytoscape.js.
// Parameters come from the URL fragment (#user=…&token=…&limit=…), so the credential is never
// sent to a server in a URL; it is then removed from the address bar.
(function () {
  'use strict';

  var COLORS = {
    memory: '#1e88e5',
    user: '#424242',
    person: '#8e24aa',
    organization: '#e53935',
    place: '#43a047',
    product: '#fb8c00',
    event: '#00897b',
    date: '#6d4c41',
    concept: '#7e57c2'
  };

  function params() {
    var out = new URLSearchParams(location.hash.replace(/^#/, ''));
    new URLSearchParams(location.search).forEach(function (v, k) {
      if (k !== 'token' && !out.has(k)) { out.set(k, v); }
    });
    return out;
  }

  function setStatus(state, text) {
    document.body.setAttribute('data-state', state);
    document.getElementById('status').textContent = text;
  }

  function short(text, max) {
    text = text || '';
    return text.length <= max ? text : text.slice(0, max - 1) + '…';
  }

  function show(fields) {
    var dl = document.getElementById('details');
    dl.textContent = '';
    Object.keys(fields).forEach(function (k) {
      if (fields[k] === null || fields[k] === undefined) { return; }
      var dt = document.createElement('dt');
      dt.textContent = k;
      var dd = document.createElement('dd');
      dd.textContent = String(fields[k]);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }

  function elements(graph) {
    var nodes = graph.nodes.map(function (n) {
      return { group: 'nodes', data: {
        id: n.id, kind: n.kind, type: n.type, full: n.label, importance: n.importance,
        label: n.kind === 'user' ? 'user' : short(n.label, n.kind === 'memory' ? 36 : 24),
        color: n.kind === 'entity' ? (COLORS[n.type] || COLORS.concept) : COLORS[n.kind],
        closed: n.current ? 0 : 1
      } };
    });
    var edges = graph.edges.map(function (e) {
      return { group: 'edges', data: {
        id: e.id, source: e.source, target: e.target, type: e.type,
        label: e.type === 'MENTIONS' ? '' : (e.type === 'RELATED_TO' && e.label ? e.label : e.type),
        strength: e.strength, count: e.count, closed: e.current ? 0 : 1, relation: e.label
      } };
    });
    return nodes.concat(edges);
  }

  function draw(graph) {
    var cy = cytoscape({
      container: document.getElementById('cy'),
      elements: elements(graph),
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: {
          'background-color': 'data(color)', label: 'data(label)', 'font-size': 10,
          'text-valign': 'bottom', 'text-margin-y': 4, width: 34, height: 34 } },
        { selector: 'node[kind = "memory"]', style: { shape: 'round-rectangle', width: 44, height: 30 } },
        { selector: 'node[kind = "user"]', style: { shape: 'star', width: 44, height: 44 } },
        { selector: 'node[closed = 1]', style: { 'background-opacity': 0.35, 'border-width': 2,
          'border-style': 'dashed', 'border-color': '#999' } },
        { selector: 'edge', style: {
          width: 'mapData(strength, 0, 1, 1, 4)', 'line-color': '#b0bec5', 'target-arrow-color': '#b0bec5',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)',
          'font-size': 8, color: '#546e7a', 'text-rotation': 'autorotate',
          'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1 } },
        { selector: 'edge[type = "MENTIONS"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
        { selector: 'edge[closed = 1]', style: { 'line-style': 'dashed', opacity: 0.5 } },
        { selector: ':selected', style: { 'border-width': 3, 'border-color': '#ffb300', 'line-color': '#ffb300' } }
      ],
      layout: { name: 'cose', animate: false, randomize: true, nodeRepulsion: 9000, idealEdgeLength: 90, fit: true, padding: 30 }
    });
    cy.on('tap', 'node', function (evt) {
      var d = evt.target.data();
      show({ kind: d.kind, type: d.type, text: d.full, importance: d.importance,
        valid: d.closed ? 'no longer' : 'yes', connections: evt.target.degree() });
    });
    cy.on('tap', 'edge', function (evt) {
      var d = evt.target.data();
      show({ type: d.type, label: d.relation, strength: d.strength, statements: d.count,
        valid: d.closed ? 'no longer' : 'yes' });
    });
    window.membankGraph = cy;
    document.body.setAttribute('data-nodes', String(cy.nodes().length));
    document.body.setAttribute('data-edges', String(cy.edges().length));
    setStatus('rendered', cy.nodes().length + ' nodes, ' + cy.edges().length + ' edges' +
      (graph.truncated ? ' (truncated)' : ''));
  }

  // Whether this browser has glyphs for Chinese: a font without them draws every CJK character
  // as the same "missing glyph" box, the one it draws for an unassigned code point.
  function cjkGlyphs() {
    var canvas = document.createElement('canvas');
    canvas.width = 24;
    canvas.height = 24;
    var ctx = canvas.getContext('2d');
    function ink(ch) {
      ctx.clearRect(0, 0, 24, 24);
      ctx.font = '20px "Helvetica Neue", Helvetica, sans-serif';
      ctx.fillText(ch, 0, 20);
      return Array.prototype.join.call(ctx.getImageData(0, 0, 24, 24).data, ',');
    }
    var missing = ink('\uDBFF\uDFFD');
    var a = ink('明');
    var b = ink('会');
    return a !== missing && b !== missing && a !== b;
  }

  function listLabels(graph) {
    var ul = document.getElementById('labels');
    ul.textContent = '';
    graph.nodes.forEach(function (n) {
      if (n.kind === 'user') { return; }
      var li = document.createElement('li');
      li.textContent = n.label + (n.current ? '' : ' (no longer valid)');
      ul.appendChild(li);
    });
  }

  function load(user, token, limit) {
    document.getElementById('user').textContent = 'user ' + user;
    setStatus('loading', 'Loading…');
    var url = new URL('../api/v1/users/' + encodeURIComponent(user) + '/graph?limit=' +
      encodeURIComponent(limit), location.href);
    fetch(url, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) {
          return r.json().catch(function () { return {}; }).then(function (problem) {
            throw new Error(r.status + ' ' + (problem.detail || problem.title || r.statusText));
          });
        }
        return r.json();
      })
      .then(function (graph) {
        if (graph.nodes.length === 0) { setStatus('empty', 'No memories in the graph for ' + user); return; }
        listLabels(graph);
        draw(graph);
        var cjk = graph.nodes.some(function (n) { return /[\u3400-\u9fff]/.test(n.label || ''); });
        if (cjk && document.body.getAttribute('data-cjk') !== 'glyphs') {
          document.getElementById('status').textContent +=
            ' — Chinese labels need a CJK font (Debian: fonts-noto-cjk)';
        }
      })
      .catch(function (e) { setStatus('error', 'Could not load the graph: ' + e.message); });
  }

  function start(p, token) {
    sessionStorage.setItem('membank.token', token);
    p.delete('token');
    history.replaceState(null, '', location.pathname + location.search + '#' + p.toString());
    document.getElementById('open').hidden = true;
    load(p.get('user'), token, p.get('limit') || '100');
  }

  document.body.setAttribute('data-cjk', cjkGlyphs() ? 'glyphs' : 'missing');
  var p = params();
  var token = p.get('token') || sessionStorage.getItem('membank.token');
  if (p.get('user') && token) {
    start(p, token);
  } else {
    // No credential yet: a form in the page (never window.prompt, which blocks the tab).
    var form = document.getElementById('open');
    document.getElementById('open-user').value = p.get('user') || '';
    document.getElementById('open-token').value = token || '';
    form.hidden = false;
    setStatus('needs-credential', 'Enter a user id and a credential');
    form.addEventListener('submit', function (evt) {
      evt.preventDefault();
      p.set('user', document.getElementById('open-user').value.trim());
      start(p, document.getElementById('open-token').value.trim());
    });
  }
})();
