// chainnet report: draws the data document (docs/outputs.md, "report") with Leaflet and Chart.js.
// Every text from the scenario reaches the page through textContent or a canvas, never as HTML.
(function () {
  'use strict';
  var state = { markers: 0, hubMarkers: 0, lanes: 0, supplies: 0, charts: {}, tables: {}, errors: [], ready: false };
  window.chainnetReport = state;
  window.addEventListener('error', function (e) { state.errors.push(String(e.message)); });

  var data = JSON.parse(document.getElementById('chainnet-data').textContent);
  var world = JSON.parse(document.getElementById('chainnet-world').textContent);
  var units = data.meta.units;
  var t0 = performance.now();

  var KIND_COLOURS = { supplier: '#4e79a7', plant: '#f28e2b', warehouse: '#76b7b2', port: '#59a14f', market: '#edc948', hub: '#8c8c8c' };
  var MODE_COLOURS = { road: '#e8743b', rail: '#3a6ea5', sea: '#2a9d8f', air: '#a05195', inland_water: '#6a994e', pipeline: '#7f5539' };
  var FLAGS = [[1, 'single point of failure', '#d62728'], [2, 'at risk (TTS < TTR)', '#ff7f0e'], [4, 'disrupted in a scenario', '#7b3fa0']];
  var SERIES = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var fmt4 = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
  function fmt(x) {
    if (x === null || x === undefined) return '–';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x !== 'number') return String(x);
    if (!isFinite(x)) return x > 0 ? '∞' : '–';
    return fmt4.format(x);
  }
  function money(x) { return fmt(x) + ' ' + units.currency; }
  var compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
  function short(x) { return x === null || x === undefined || !isFinite(x) ? fmt(x) : compact.format(x); }
  function tierColour(t) {
    if (t === null || t === undefined) return '#8c8c8c';
    var palette = ['#08306b', '#08519c', '#2171b5', '#4292c6', '#6baed6', '#9ecae1', '#c6dbef'];
    return palette[Math.min(t, palette.length - 1)];
  }

  // ---- header, cards, notes
  var c = data.counts;
  document.getElementById('subtitle').textContent =
    (data.meta.description ? data.meta.description + ' · ' : '') + (data.meta.scenario ? data.meta.scenario + ' · ' : '') +
    'chainnet ' + data.meta.chainnet;
  var cards = document.getElementById('cards');
  function card(label, value) {
    var d = el('div', 'card');
    d.appendChild(el('div', 'v', value));
    d.appendChild(el('div', 'k', label));
    cards.appendChild(d);
  }
  card('sites', fmt(c.sites));
  card('supplies', fmt(c.supplies));
  card('lanes', fmt(c.lanes));
  card('tiers', fmt(c.max_tier + 1));
  if (c.demand_value !== null) card('demand value per ' + units.time + ' (' + units.currency + ')', short(c.demand_value));
  card('single points of failure (sites)', fmt(c.spof_sites));
  card('sites at risk (TTS < TTR)', fmt(c.at_risk_sites));
  if (data.stress && data.stress.length) card('lost in the worst disruption (' + data.stress[0].label + '), ' + units.currency, short(data.stress[0].lost_value));
  if (data.montecarlo) card('Monte Carlo CVaR 95 %, ' + units.currency, short(data.montecarlo.cvar95));
  if (data.strengthen) card('strengthen (' + data.strengthen.objective + ') for ' + short(data.strengthen.total_cost) + ' ' + units.currency,
                            short(data.strengthen.before) + ' → ' + short(data.strengthen.after));
  var notes = document.getElementById('notes');
  data.notes.forEach(function (n) { notes.appendChild(el('li', null, n)); });

  // ---- the map
  var nodes = data.nodes, n = nodes.id.length;
  var maxThroughput = 0;
  for (var i = 0; i < n; ++i) if (nodes.throughput[i] > maxThroughput) maxThroughput = nodes.throughput[i];
  function located(i) { return nodes.lat[i] !== null && nodes.lon[i] !== null; }
  function radius(i) { return maxThroughput > 0 ? 3 + 9 * Math.sqrt(nodes.throughput[i] / maxThroughput) : 5; }
  function popup(i) {
    var d = el('div', 'popup');
    d.appendChild(el('h3', null, nodes.id[i]));
    FLAGS.forEach(function (f) {
      if (nodes.flags[i] & f[0]) { var s = el('span', 'flag', f[1]); s.style.background = f[2]; d.appendChild(s); }
    });
    var t = el('table');
    function row(k, v) { var r = el('tr'); r.appendChild(el('td', null, k)); r.appendChild(el('td', null, v)); t.appendChild(r); }
    if (nodes.name[i]) row('name', nodes.name[i]);
    row('kind', nodes.kind[i]);
    if (nodes.tier[i] !== null) row('tier', nodes.tier[i]);
    if (nodes.region[i]) row('region', nodes.region[i]);
    row('throughput', fmt(nodes.throughput[i]) + ' ' + units.quantity + ' per ' + units.time);
    if (nodes.tts[i] !== null || nodes.impact[i] !== null) {
      row('time to survive', fmt(nodes.tts[i]) + ' ' + units.time);
      row('time to recover', fmt(nodes.ttr[i]) + ' ' + units.time);
      row('performance impact', money(nodes.impact[i]));
    }
    if (nodes.share[i] !== null) row('sweep: lost share of demand', fmt(100 * nodes.share[i]) + ' %');
    d.appendChild(t);
    return d;
  }
  var map = L.map('map', { preferCanvas: true, worldCopyJump: false, minZoom: 1 });
  if (data.meta.tiles) {
    L.tileLayer(data.meta.tiles, { maxZoom: 18, attribution: 'tiles: ' + data.meta.tiles.split('/')[2] }).addTo(map);
  } else {
    L.geoJSON(world, { interactive: false, style: { color: '#9aa7b1', weight: 0.6, fillColor: '#f3f1ea', fillOpacity: 1 } }).addTo(map);
  }
  var renderer = L.canvas({ padding: 0.3 });
  function linkLayer(links, colour, dashed, opacityBase) {
    var layer = L.layerGroup(), count = 0;
    var maxFlow = 0;
    for (var k = 0; k < links.from.length; ++k) if (links.flow[k] > maxFlow) maxFlow = links.flow[k];
    for (var k2 = 0; k2 < links.from.length; ++k2) {
      var a = links.from[k2], b = links.to[k2];
      if (!located(a) || !located(b)) continue;
      var f = links.flow[k2];
      var weight = maxFlow > 0 && f !== null ? 1 + 7 * Math.sqrt(f / maxFlow) : 1.5;
      var hit = links.disrupted && links.disrupted[k2];
      var line = L.polyline([[nodes.lat[a], nodes.lon[a]], [nodes.lat[b], nodes.lon[b]]], {
        renderer: renderer, color: hit ? '#7b3fa0' : colour(k2), weight: weight, opacity: opacityBase,
        dashArray: hit || dashed ? '6 4' : null
      });
      line.bindTooltip((function (k3, a3, b3) {
        return function () {
          var what = links.mode ? links.mode[k3] : links.product[k3];
          return el('span', null, nodes.id[a3] + ' → ' + nodes.id[b3] + ' (' + what + ')' +
                    (links.flow[k3] !== null ? ': ' + fmt(links.flow[k3]) + ' ' + units.quantity + ' per ' + units.time : ''));
        };
      })(k2, a, b));
      line.addTo(layer);
      ++count;
    }
    return { layer: layer, count: count };
  }
  var lanes = linkLayer(data.lanes, function (k) { return MODE_COLOURS[data.lanes.mode[k]] || '#555'; }, false, 0.75);
  var supplies = linkLayer(data.supplies, function () { return '#6b7b8c'; }, true, 0.45);
  state.lanes = lanes.count;
  state.supplies = supplies.count;
  var siteLayer = L.layerGroup(), markers = [], bounds = [];
  for (var s = 0; s < n; ++s) {
    if (!located(s)) continue;
    var ring = null;
    for (var q = 0; q < FLAGS.length; ++q) if (nodes.flags[s] & FLAGS[q][0]) { ring = FLAGS[q][2]; break; }
    var m = L.circleMarker([nodes.lat[s], nodes.lon[s]], {
      renderer: renderer, radius: radius(s), color: ring || '#33414d', weight: ring ? 3 : 0.8,
      fillColor: KIND_COLOURS[nodes.kind[s]] || '#999', fillOpacity: 0.9
    });
    m.bindPopup((function (s2) { return function () { return popup(s2); }; })(s));
    m.bindTooltip((function (s2) { return function () { return el('span', null, nodes.id[s2]); }; })(s));
    m.addTo(siteLayer);
    markers.push([s, m]);
    bounds.push([nodes.lat[s], nodes.lon[s]]);
    if (nodes.kind[s] === 'hub') ++state.hubMarkers; else ++state.markers;
  }
  state.siteLayer = siteLayer;
  state.map = map;
  var overlays = {};
  if (lanes.count) { lanes.layer.addTo(map); overlays['Lanes (' + lanes.count + ')'] = lanes.layer; }
  if (supplies.count) {
    if (!lanes.count) supplies.layer.addTo(map);
    overlays['Supplies (' + supplies.count + ')'] = supplies.layer;
  }
  siteLayer.addTo(map);
  overlays['Sites (' + state.markers + ')'] = siteLayer;
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  L.control.scale().addTo(map);
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 }); else map.setView([20, 0], 2);

  function legend(by) {
    var lg = document.getElementById('legend');
    lg.textContent = '';
    function item(label, colour, line) {
      var sp = el('span');
      var sw = el('span', line ? 'ln' : 'sw');
      sw.style.background = colour;
      sp.appendChild(sw);
      sp.appendChild(document.createTextNode(label));
      lg.appendChild(sp);
    }
    var seen = {};
    for (var i2 = 0; i2 < n; ++i2) {
      var key = by === 'tier' ? nodes.tier[i2] : nodes.kind[i2];
      if (seen[key] === undefined) seen[key] = by === 'tier' ? tierColour(key) : KIND_COLOURS[key] || '#999';
    }
    Object.keys(seen).sort().forEach(function (key) { item(by === 'tier' ? (key === 'null' ? 'no tier' : 'tier ' + key) : key, seen[key]); });
    FLAGS.forEach(function (f) { item('ring: ' + f[1], f[2]); });
    var modes = {};
    if (data.lanes.mode) data.lanes.mode.forEach(function (md) { modes[md] = true; });
    Object.keys(modes).sort().forEach(function (md) { item(md, MODE_COLOURS[md] || '#555', true); });
    lg.appendChild(el('span', null, 'Marker size: throughput; line width: flow.'));
  }
  legend('kind');
  document.getElementById('colour-by').addEventListener('change', function (e) {
    var by = e.target.value;
    markers.forEach(function (p) {
      p[1].setStyle({ fillColor: by === 'tier' ? tierColour(nodes.tier[p[0]]) : KIND_COLOURS[nodes.kind[p[0]]] || '#999' });
    });
    legend(by);
  });

  // ---- charts
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 12;
  Chart.defaults.maintainAspectRatio = false;
  var charts = document.getElementById('charts');
  function addChart(id, title, config, note) {
    var panel = el('section', 'panel');
    panel.id = 'chart-' + id;
    panel.appendChild(el('h2', null, title));
    var box = el('div', 'chart-box');
    var canvas = el('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', title);
    box.appendChild(canvas);
    panel.appendChild(box);
    if (note) panel.appendChild(el('p', 'chart-note', note));
    charts.appendChild(panel);
    var chart = new Chart(canvas.getContext('2d'), config);
    var points = 0;
    chart.data.datasets.forEach(function (d) { points += d.data.filter(function (v) { return v !== null; }).length; });
    state.charts[id] = points;
    return chart;
  }
  function axis(title, extra) {
    var a = { title: { display: true, text: title } };
    for (var k in extra) a[k] = extra[k];
    return a;
  }

  var tiers = data.tiers;
  var tierDatasets = tiers.kinds.map(function (k, j) {
    return { type: 'bar', label: k + ' sites', data: tiers.sites[j], backgroundColor: KIND_COLOURS[k] || SERIES[j % 10], stack: 'sites', yAxisID: 'y' };
  });
  if (tiers.shipped_value) {
    tierDatasets.push({ type: 'line', label: 'value shipped per ' + units.time, data: tiers.shipped_value, borderColor: '#1f3b52',
                        backgroundColor: '#1f3b52', yAxisID: 'y2' });
  }
  addChart('tiers', 'The chain by tier', {
    type: 'bar', data: { labels: tiers.labels, datasets: tierDatasets },
    options: { scales: { x: { stacked: true }, y: axis('sites', { stacked: true }),
                         y2: axis(units.currency + ' per ' + units.time, { position: 'right', grid: { drawOnChartArea: false }, display: !!tiers.shipped_value }) } }
  }, 'Tier 0 is the markets; tier k sells to tier k-1. Bars: sites per tier by kind; line: the value each tier ships in normal operation.');

  if (data.stress && data.stress.length) {
    var periods = data.stress[0].lost_value_by_period.map(function (_, p) { return p; });
    addChart('stress', 'Stress tests: value lost per ' + units.time, {
      type: 'line',
      data: { labels: periods, datasets: data.stress.map(function (d, j) {
        return { label: d.label, data: d.lost_value_by_period, borderColor: SERIES[j % 10], backgroundColor: SERIES[j % 10], pointRadius: 0 };
      }) },
      options: { scales: { x: axis(units.time), y: axis(units.currency + ' lost beyond normal operation') } }
    }, 'One line per scenario disruption: the demand value lost each ' + units.time + ' beyond the undisrupted run.');
  }

  if (data.montecarlo) {
    var mc = data.montecarlo, top = Math.max.apply(null, mc.counts.concat([1]));
    var steps = mc.counts.map(function (v, b) { return { x: b * mc.bin_width, y: v }; });
    steps.push({ x: mc.counts.length * mc.bin_width, y: mc.counts[mc.counts.length - 1] });
    var vline = function (x, label, colour) {
      return { type: 'line', label: label + ' ' + money(x), data: [{ x: x, y: 0 }, { x: x, y: top }], borderColor: colour,
               backgroundColor: colour, borderDash: [6, 4], pointRadius: 0 };
    };
    addChart('montecarlo', 'Monte Carlo: loss distribution (' + fmt(mc.runs) + ' runs)', {
      type: 'scatter',
      data: { datasets: [
        { type: 'line', label: 'runs', data: steps, stepped: 'before', fill: true, borderColor: '#4e79a7', backgroundColor: 'rgba(78,121,167,0.35)', pointRadius: 0 },
        vline(mc.mean, 'mean', '#59a14f'), vline(mc.var95, 'VaR 95 %', '#f28e2b'), vline(mc.cvar95, 'CVaR 95 %', '#e15759')] },
      options: { scales: { x: axis(units.currency + ' lost over the horizon', { type: 'linear' }), y: axis('runs') } }
    }, 'Share of runs with any loss: ' + fmt(100 * mc.p_any_loss) + ' %. VaR 95 %: the loss exceeded by 5 % of runs; CVaR 95 %: their mean.');
  }

  if (data.robustness) {
    var rb = data.robustness;
    var xy = function (ys) { return ys.map(function (y, k) { return { x: rb.removed_fraction[k], y: y }; }); };
    addChart('robustness', 'Robustness: demand still served as sites are removed', {
      type: 'scatter',
      data: { datasets: [
        { type: 'line', label: 'random removal (5–95 %)', data: xy(rb.random_high), borderColor: 'rgba(78,121,167,0)', backgroundColor: 'rgba(78,121,167,0.2)', fill: '+1', pointRadius: 0 },
        { type: 'line', label: ' ', data: xy(rb.random_low), borderColor: 'rgba(78,121,167,0)', pointRadius: 0 },
        { type: 'line', label: 'random removal (mean)', data: xy(rb.random), borderColor: '#4e79a7', pointRadius: 0 },
        { type: 'line', label: 'targeted (most important first)', data: xy(rb.targeted), borderColor: '#e15759', pointRadius: 0 }] },
      options: { scales: { x: axis('share of sites removed', { type: 'linear', min: 0, max: 1 }), y: axis('share of demand value served', { min: 0, max: 1 }) },
                 plugins: { legend: { labels: { filter: function (item) { return item.text !== ' '; } } } } }
    });
  }

  if (data.survival) {
    var sv = data.survival, safe = [], risk = [], unneeded = 0, maxT = 0;
    for (var k = 0; k < sv.site.length; ++k) {
      if (sv.tts[k] === null) { ++unneeded; continue; }
      var pt = { x: sv.ttr[k], y: sv.tts[k], site: sv.site[k] };
      (sv.at_risk[k] ? risk : safe).push(pt);
      maxT = Math.max(maxT, pt.x, pt.y);
    }
    addChart('survival', 'Time to survive against time to recover', {
      type: 'scatter',
      data: { datasets: [
        { label: 'at risk (TTS < TTR)', data: risk, backgroundColor: '#e15759' },
        { label: 'covered', data: safe, backgroundColor: '#4e79a7' },
        { type: 'line', label: 'TTS = TTR', data: [{ x: 0, y: 0 }, { x: maxT || 1, y: maxT || 1 }], borderColor: '#8c8c8c', borderDash: [4, 4], pointRadius: 0 }] },
      options: { scales: { x: axis('time to recover (' + units.time + ')', { min: 0 }), y: axis('time to survive (' + units.time + ')', { min: 0 }) },
                 plugins: { tooltip: { callbacks: { label: function (ctx) {
                   var p = ctx.raw; return (p.site || '') + ': TTR ' + fmt(p.x) + ', TTS ' + fmt(p.y);
                 } } } } }
    }, unneeded ? unneeded + ' sites are not needed to serve demand (infinite TTS) and are not drawn.' : null);
  }

  if (data.sweep) {
    addChart('sweep', 'Sites that matter most (sweep: each down ' + data.sweep.duration + ' × ' + units.time + ')', {
      type: 'bar',
      data: { labels: data.sweep.site, datasets: [{ label: 'share of demand value lost', data: data.sweep.lost_value_share.map(function (v) { return 100 * v; }), backgroundColor: '#e15759' }] },
      options: { indexAxis: 'y', scales: { x: axis('% of demand value over the horizon') } }
    });
  }

  if (data.compare) {
    var cmp = data.compare;
    var finite = cmp.kpis.filter(function (k) { return k.values[0] !== null && isFinite(k.values[0]) && k.values[0] !== 0; });
    addChart('compare', 'Variants against the scenario (KPI, % of the scenario\'s value)', {
      type: 'bar',
      data: { labels: finite.map(function (k) { return k.kpi; }),
              datasets: cmp.chains.slice(1).map(function (name, j) {
                return { label: name, backgroundColor: SERIES[(j + 1) % 10],
                         data: finite.map(function (k) { return k.values[j + 1] === null ? null : 100 * k.values[j + 1] / k.values[0]; }) };
              }) },
      options: { indexAxis: 'y', scales: { x: axis('% of the scenario (100 = unchanged)') } }
    }, 'KPIs whose scenario value is zero or infinite are in the table below only.');
  }

  if (data.strengthen && data.strengthen.frontier.length) {
    var st = data.strengthen;
    addChart('frontier', 'Strengthen: best ' + st.objective + ' within each budget', {
      type: 'scatter',
      data: { datasets: [{ type: 'line', label: st.objective + ' (' + st.unit + ')', stepped: 'before', borderColor: '#2f6f9f', backgroundColor: '#2f6f9f',
                           data: st.frontier.map(function (f) { return { x: f.budget, y: f.objective, chosen: f.chosen }; }) }] },
      options: { scales: { x: axis('budget (' + units.currency + ')', { type: 'linear', min: 0 }), y: axis(st.objective + ' (' + st.unit + ')') },
                 plugins: { tooltip: { callbacks: { label: function (ctx) {
                   return 'budget ' + money(ctx.raw.x) + ': ' + fmt(ctx.raw.y) + ' (' + (ctx.raw.chosen.join(', ') || 'nothing') + ')';
                 } } } } }
    }, 'Method: ' + st.method + '. ' + st.proof);
  }

  // ---- tables
  var tablesEl = document.getElementById('tables');
  function isNumberColumn(rows, j) {
    for (var r = 0; r < rows.length; ++r) if (rows[r][j] !== null) return typeof rows[r][j] === 'number';
    return false;
  }
  function addTable(key, title, note, columns, rows, total) {
    var panel = el('section', 'panel');
    panel.id = 'table-' + key;
    panel.appendChild(el('h2', null, title));
    var shownNote = (note ? note + ' ' : '') + (total > rows.length ? 'Showing ' + fmt(rows.length) + ' of ' + fmt(total) + ' rows.' : fmt(total) + ' rows.');
    panel.appendChild(el('p', 'table-note', shownNote));
    var wrap = el('div', 'table-wrap');
    var table = el('table', 'sortable');
    var thead = el('thead'), hr = el('tr'), tbody = el('tbody');
    var numeric = columns.map(function (_, j) { return isNumberColumn(rows, j); });
    function fill(order) {
      tbody.textContent = '';
      order.forEach(function (r) {
        var tr = el('tr');
        rows[r].forEach(function (v, j) { tr.appendChild(el('td', numeric[j] ? 'num' : null, fmt(v))); });
        tbody.appendChild(tr);
      });
    }
    var order = rows.map(function (_, r) { return r; });
    columns.forEach(function (name, j) {
      var th = el('th', numeric[j] ? 'num' : null, name);
      th.setAttribute('scope', 'col');
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(hr.children, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        order.sort(function (a, b) {
          var x = rows[a][j], y = rows[b][j];
          if (x === null || y === null) return (x === null) - (y === null);  // empty cells last
          var d = numeric[j] ? x - y : String(x).localeCompare(String(y));
          return (asc ? d : -d) || a - b;
        });
        fill(order);
      });
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    table.appendChild(thead);
    table.appendChild(tbody);
    fill(order);
    wrap.appendChild(table);
    panel.appendChild(wrap);
    tablesEl.appendChild(panel);
    state.tables[key] = rows.length;
  }
  data.tables.forEach(function (t) { addTable(t.key, t.title, t.note, t.columns, t.rows, t.total); });
  if (data.compare) {
    addTable('compare_kpis', 'Variants: KPIs side by side', null, ['kpi', 'analysis', 'unit', 'lower_is_better'].concat(data.compare.chains),
             data.compare.kpis.map(function (k) { return [k.kpi, k.analysis, k.unit, k.lower_is_better].concat(k.values); }), data.compare.kpis.length);
  }
  if (data.strengthen) {
    addTable('strengthen_steps', 'Strengthen: the chosen actions, largest gain first',
             'Within a budget of ' + money(data.strengthen.budget) + '; ' + data.strengthen.objective + ' from ' + fmt(data.strengthen.before) +
             ' to ' + fmt(data.strengthen.after) + ' ' + data.strengthen.unit + '.',
             ['candidate', 'kind', 'name', 'cost', 'cost_so_far', 'objective_after', 'gain'],
             data.strengthen.steps.map(function (p) { return [p.candidate, p.kind || null, p.name || null, p.cost === undefined ? null : p.cost, p.cost_so_far, p.objective_after, p.gain]; }),
             data.strengthen.steps.length);
  }
  var siteRows = [];
  for (var r = 0; r < n; ++r) {
    if (nodes.kind[r] === 'hub') continue;
    siteRows.push([nodes.id[r], nodes.name[r] || null, nodes.kind[r], nodes.tier[r], nodes.region[r] || null, nodes.lat[r], nodes.lon[r],
                   nodes.throughput[r], nodes.tts[r], nodes.ttr[r], nodes.impact[r], nodes.share[r],
                   !!(nodes.flags[r] & 1), !!(nodes.flags[r] & 2), !!(nodes.flags[r] & 4)]);
  }
  addTable('sites', 'Sites', 'The sites on the map with their numbers (throughput in ' + units.quantity + ' per ' + units.time + ').',
           ['site', 'name', 'kind', 'tier', 'region', 'lat', 'lon', 'throughput', 'tts', 'ttr', 'performance_impact', 'sweep_share',
            'single_point_of_failure', 'at_risk', 'disrupted'], siteRows.slice(0, 5000), siteRows.length);

  state.renderMs = performance.now() - t0;
  state.ready = true;
  document.body.setAttribute('data-ready', 'true');
})();
