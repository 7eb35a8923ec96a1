// dashcast dashboard: live over server-sent events (/events), drawn with hand-written SVG.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const NS = 'http://www.w3.org/2000/svg';
  let state = null;
  let serverOffsetMs = 0;

  function ms(v) {
    if (v === null || v === undefined) return '–';
    return v < 1 ? (v * 1000).toFixed(0) + ' µs' : v < 1000 ? v.toFixed(2) + ' ms' : (v / 1000).toFixed(2) + ' s';
  }
  function pct(v) { return v === null || v === undefined ? '–' : (v * 100).toFixed(1) + '%'; }
  function ago(t) {
    if (!t) return 'never';
    const s = Math.max(0, (Date.now() + serverOffsetMs - t) / 1000);
    return s < 60 ? Math.floor(s) + ' s ago' : Math.floor(s / 60) + ' minutes ago';
  }
  function el(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function renderPanel(s) {
    $('peers').textContent = s.peers_ready + '/' + s.peers_configured;
    $('blocks').textContent = s.blocks_broadcast;
    $('success').textContent = pct(s.success_rate);
    $('avg').textContent = ms(s.avg_broadcast_ms);
    $('last').textContent = ago(s.last_block_ms);
    $('orphans').textContent = s.orphan_rate === null ? '– (' + s.chain_landed + ' landed)' : pct(s.orphan_rate);
    const h = $('health');
    if (s.healthy !== undefined) {
      h.textContent = s.healthy ? 'healthy' : 'unhealthy: ' + s.health_reason;
      h.className = 'badge' + (s.healthy ? '' : ' off');
    }
  }

  function histogram(hist, width, height) {
    const svg = el('svg', { width: width, height: height, class: 'hist' });
    const max = Math.max(1, ...hist.buckets);
    const w = width / hist.buckets.length;
    hist.buckets.forEach((c, i) => {
      const bh = c === 0 ? 0 : Math.max(1, (height - 2) * c / max);
      const r = el('rect', { x: i * w + 1, y: height - bh, width: w - 2, height: bh, fill: '#2f81f7' });
      r.appendChild(el('title', {}, '≤ ' + state.buckets_ms[i] + ' ms: ' + c));
      svg.appendChild(r);
    });
    return svg;
  }

  function renderPeers(peers) {
    const body = document.querySelector('#peer-table tbody');
    clear(body);
    for (const p of peers) {
      const tr = document.createElement('tr');
      tr.dataset.peer = p.name;
      const mark = document.createElement('td');
      mark.className = p.up ? 'ok' : 'bad';
      mark.textContent = p.up ? '✓' : '✗';
      tr.appendChild(mark);
      const cells = [p.name, p.priority, p.health, p.up && p.rtt_ms > 0 ? ms(p.rtt_ms) : '–',
        p.frame ? p.frame + ' (' + p.reason + ')' : '–'];
      cells.forEach((c, i) => {
        const td = document.createElement('td');
        td.textContent = c;
        if (i === 2) td.className = 'peer-health';
        if (i === 3) td.className = 'peer-rtt';
        tr.appendChild(td);
      });
      const ack = document.createElement('td');
      ack.appendChild(histogram(p.ack, 120, 24));
      ack.appendChild(document.createTextNode(' p50 ' + ms(p.ack.p50_ms)));
      tr.appendChild(ack);
      const rtt = document.createElement('td');
      rtt.appendChild(histogram(p.rtt, 120, 24));
      tr.appendChild(rtt);
      body.appendChild(tr);
    }
  }

  function renderWaterfall(block) {
    const svg = $('waterfall');
    clear(svg);
    if (!block) { $('wf-title').textContent = '(no block yet)'; return; }
    $('wf-title').textContent = block.hash.substring(0, 16) + '… ' + block.size + ' bytes';
    const rows = block.peers.length;
    const height = 24 + rows * 18;
    svg.setAttribute('height', height);
    svg.dataset.hash = block.hash;
    const maxT = Math.max(0.001, ...block.peers.map((p) => Math.max(p.ack_ms || 0, p.handoff_ms || 0, p.announced_ms || 0)));
    const x0 = 160, width = 960 - x0 - 80;
    const x = (t) => x0 + width * t / maxT;
    svg.appendChild(el('text', { x: x0, y: 14 }, '0'));
    svg.appendChild(el('text', { x: x0 + width - 20, y: 14 }, ms(maxT)));
    block.peers.forEach((p, i) => {
      const y = 22 + i * 18;
      svg.appendChild(el('text', { x: 6, y: y + 11 }, p.peer));
      if (p.handoff_ms !== null) {
        svg.appendChild(el('rect', { x: x0, y: y, width: Math.max(1, x(p.handoff_ms) - x0), height: 12,
          fill: '#2f81f7', class: 'handoff' }));
        if (p.ack_ms !== null) {
          svg.appendChild(el('rect', { x: x(p.handoff_ms), y: y + 3, width: Math.max(1, x(p.ack_ms) - x(p.handoff_ms)),
            height: 6, fill: '#3fb950', class: 'ack' }));
        }
        svg.appendChild(el('text', { x: x(p.ack_ms !== null ? p.ack_ms : p.handoff_ms) + 4, y: y + 10 },
          (p.ack_ms !== null ? 'ack ' + ms(p.ack_ms) : 'hand-off ' + ms(p.handoff_ms)) + (p.frame ? ' · ' + p.frame : '')));
      } else {
        svg.appendChild(el('text', { x: x0, y: y + 10 }, p.outcome + (p.failure ? ' (' + p.failure + ')' : '')));
      }
      if (p.announced_ms !== null && p.announced_ms !== undefined) {
        // The peer announced the block to us (headers/inv): it has it, whoever gave it.
        const ax = x(p.announced_ms);
        svg.appendChild(el('polygon', { points: [ax, y, ax + 5, y + 6, ax, y + 12, ax - 5, y + 6].join(' '),
          fill: '#d2a8ff', class: 'announced' }));
      }
    });
  }

  function quantile(values, q) {
    if (values.length === 0) return null;
    const v = values.slice().sort((a, b) => a - b);
    return v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
  }

  function renderPercentiles(blocks) {
    const svg = $('percentiles');
    clear(svg);
    if (blocks.length === 0) return;
    const series = { first: [], all: [], p50: [], p90: [], p100: [] };
    for (const b of blocks) {
      const hand = b.peers.filter((p) => p.handoff_ms !== null).map((p) => p.handoff_ms);
      // A peer has the block from its ack or its own announcement, whichever came first.
      const acks = b.peers.map((p) => [p.ack_ms, p.announced_ms].filter((t) => t !== null && t !== undefined))
        .filter((t) => t.length > 0).map((t) => Math.min(...t));
      series.first.push(hand.length ? Math.min(...hand) : null);
      series.all.push(hand.length ? Math.max(...hand) : null);
      series.p50.push(quantile(acks, 0.5));
      series.p90.push(quantile(acks, 0.9));
      series.p100.push(quantile(acks, 1));
    }
    const all = [].concat(...Object.values(series)).filter((v) => v !== null && v > 0);
    if (all.length === 0) return;
    const lo = Math.log10(Math.min(...all)) - 0.1, hi = Math.log10(Math.max(...all)) + 0.1;
    const x0 = 60, w = 960 - x0 - 20, h = 200 - 30;
    const X = (i) => x0 + (blocks.length === 1 ? w / 2 : w * i / (blocks.length - 1));
    const Y = (v) => 10 + h - h * (Math.log10(v) - lo) / Math.max(0.001, hi - lo);
    for (let d = Math.ceil(lo); d <= Math.floor(hi); d++) {
      svg.appendChild(el('line', { x1: x0, x2: x0 + w, y1: Y(10 ** d), y2: Y(10 ** d), stroke: '#25303b' }));
      svg.appendChild(el('text', { x: 4, y: Y(10 ** d) + 4 }, ms(10 ** d)));
    }
    const colours = { first: '#79c0ff', all: '#2f81f7', p50: '#a5d6a7', p90: '#3fb950', p100: '#d29922' };
    for (const k in series) {
      const pts = series[k].map((v, i) => v === null || v <= 0 ? null : X(i) + ',' + Y(v)).filter((p) => p);
      if (pts.length) svg.appendChild(el('polyline', { points: pts.join(' '), fill: 'none', stroke: colours[k], 'stroke-width': 2 }));
      series[k].forEach((v, i) => { if (v !== null && v > 0) svg.appendChild(el('circle', { cx: X(i), cy: Y(v), r: 2.5, fill: colours[k] })); });
    }
  }

  function renderBlocks(blocks) {
    const body = document.querySelector('#block-table tbody');
    clear(body);
    for (const b of blocks.slice().reverse()) {
      const tr = document.createElement('tr');
      const hand = b.peers.filter((p) => p.handoff_ms !== null);
      const acked = b.peers.filter((p) => p.ack_ms !== null).length;
      [b.index, b.hash.substring(0, 20) + '…', b.size, hand.length + '/' + b.peers.length + ' (' + acked + ' acked)',
        ms(hand.length ? Math.max(...hand.map((p) => p.handoff_ms)) : null), b.chain, ago(b.time_ms)].forEach((c) => {
        const td = document.createElement('td');
        td.textContent = c;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
  }

  function render() {
    if (!state) return;
    renderPanel(state.summary);
    renderPeers(state.peers);
    renderWaterfall(state.blocks.length ? state.blocks[state.blocks.length - 1] : null);
    renderPercentiles(state.blocks);
    renderBlocks(state.blocks);
    document.body.dataset.blocks = state.summary.blocks_broadcast;
  }

  function connect() {
    const live = $('live');
    const events = new EventSource('events');
    events.addEventListener('open', () => { live.textContent = 'live'; live.className = 'badge'; });
    events.addEventListener('state', (e) => { state = JSON.parse(e.data); render(); });
    events.addEventListener('time', (e) => { serverOffsetMs = Number(e.data) - Date.now(); render(); });
    events.addEventListener('error', () => { live.textContent = 'reconnecting…'; live.className = 'badge off'; });
  }
  connect();
  setInterval(() => { if (state) $('last').textContent = ago(state.summary.last_block_ms); }, 1000);
})();
