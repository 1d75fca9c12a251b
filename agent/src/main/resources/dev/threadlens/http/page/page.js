// threadlens live page: polls the agent's JSON API (same origin) and renders it.
//
// Thread names, lock sites and stack frames are attacker-controllable text. They only ever
// reach the page as text nodes (textContent, createTextNode, title): nothing here parses HTML,
// and the page's Content-Security-Policy (Trusted Types, no inline script) would refuse it.
'use strict';
(function () {

  var TICK_MS = 2000;
  var MAX_BACKOFF_MS = 30000;
  var HISTORY_MS = 5 * 60 * 1000;
  var BATCH = 150;            // new table rows created per animation frame
  var LOCKS_STEP = 50;        // lock sites fetched and shown, raised by "show more"
  var LOCKS_MAX = 500;
  var THREADS_STEP = 200;     // thread rows fetched and shown
  var THREADS_MAX = 1000;
  var CHART_STATES = ['runnable', 'blocked', 'waiting', 'timed_waiting', 'new'];
  var STATE_LABEL = {
    runnable: 'Runnable', blocked: 'Blocked', waiting: 'Waiting', timed_waiting: 'Timed waiting',
    new: 'New', terminated: 'Terminated'
  };
  var SEVERITY = { blocked: 0, waiting: 1, timed_waiting: 2, runnable: 3, new: 4, terminated: 5 };
  var CAUSES = ['running', 'lock', 'signal_wait', 'io', 'sleep', 'executor_idle', 'other'];
  var CAUSE_LABEL = {
    running: 'running', lock: 'lock contention', signal_wait: 'waiting for a signal', io: 'I/O',
    sleep: 'sleeping', executor_idle: 'idle in a pool', other: 'other'
  };

  // ---------------------------------------------------------------- DOM, text only

  function $(id) { return document.getElementById(id); }

  /** Creates an element; strings among the children become text nodes, never markup. */
  function h(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'class') { e.className = v; }
        else if (k === 'text') { e.textContent = String(v); }
        else if (k === 'title') { e.title = String(v); }
        else if (k === 'colspan') { e.colSpan = v; }
        else if (k === 'width') { e.style.width = v; }
        else if (k.indexOf('on') === 0) { e.addEventListener(k.slice(2), v); }
        else { e.setAttribute(k, String(v)); } // fixed names only: role, aria-*, type, tabindex
      });
    }
    for (var i = 2; i < arguments.length; i++) { add(e, arguments[i]); }
    return e;
  }

  function add(parent, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); return; }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function setText(id, value) {
    var e = $(id);
    var s = String(value);
    if (e.textContent !== s) { e.textContent = s; }
  }

  function td(content, cls, title) { return h('td', { class: cls, title: title }, content); }
  function num(content, cls) { return td(content, 'num' + (cls ? ' ' + cls : '')); }

  // ---------------------------------------------------------------- formatting

  var fmt = {
    int: function (n) {
      return n === null || n === undefined || isNaN(n) ? '\u2013' : Math.round(n).toLocaleString('en-US');
    },
    secs: function (s) {
      if (s === null || s === undefined || isNaN(s)) { return '\u2013'; }
      var a = Math.abs(s);
      if (a === 0) { return '0'; }
      if (a >= 3600) { return (s / 3600).toFixed(1) + ' h'; }
      if (a >= 60) { return (s / 60).toFixed(1) + ' min'; }
      if (a >= 1) { return s.toFixed(a >= 10 ? 1 : 2) + ' s'; }
      if (a >= 0.001) { return (s * 1000).toFixed(a >= 0.01 ? 0 : 1) + ' ms'; }
      return Math.max(1, Math.round(s * 1e6)) + ' \u00b5s';
    },
    pct: function (x) { return (x * 100).toFixed(x >= 0.1 ? 0 : 1) + '%'; },
    kb: function (bytes) { return (bytes / 1024).toFixed(bytes >= 10240 ? 0 : 1) + ' KB'; },
    quantiles: function (q) {
      if (!q || !q.count) { return '\u2013'; }
      return fmt.secs(q.p50) + ' / ' + fmt.secs(q.p99) + ' / ' + fmt.secs(q.max);
    },
    clock: function (ms) { return new Date(ms).toLocaleTimeString('en-GB'); }
  };

  function stateBadge(s) { return h('span', { class: 'badge state-' + s, text: STATE_LABEL[s] || s }); }

  /** JDK frames dimmed, application frames bold: the eye finds the interesting line first. */
  function frames(stack, truncated) {
    var box = h('div', { class: 'frames' });
    if (!stack || !stack.length) { add(box, h('div', { class: 'jdk', text: '(no stack)' })); return box; }
    stack.forEach(function (f) {
      var jdk = /^(java\.|javax\.|jdk\.|sun\.|com\.sun\.)/.test(f);
      add(box, h('div', { class: jdk ? 'jdk' : 'app', text: 'at ' + f }));
    });
    if (truncated) { add(box, h('div', { class: 'jdk', text: '\u2026 (deeper frames cut)' })); }
    return box;
  }

  function sum(obj, keys) {
    var t = 0;
    (keys || Object.keys(obj || {})).forEach(function (k) { t += (obj && obj[k]) || 0; });
    return t;
  }

  // ---------------------------------------------------------------- keyed tables

  /**
   * A table body kept in step with a list of rows by key: a row whose data did not change is not
   * touched, rows are moved rather than rebuilt, and at most BATCH new rows are created per
   * frame so a first fill of hundreds of rows never freezes the page.
   */
  function KeyedTable(tableId, opts) {
    this.table = $(tableId);
    this.tbody = this.table.tBodies[0];
    this.columns = this.table.tHead.rows[0].cells.length;
    this.opts = opts;
    this.entries = new Map();
    this.rows = [];
    this.frame = 0;
    this.emptyRow = h('tr', { class: 'empty' }, h('td', { colspan: this.columns, text: opts.empty || 'Nothing yet' }));
    this.table.dataset.rows = '0';
  }

  KeyedTable.prototype.update = function (rows, emptyText) {
    this.rows = rows || [];
    if (emptyText) { this.emptyRow.firstChild.textContent = emptyText; }
    this.layout();
  };

  KeyedTable.prototype.layout = function () {
    var self = this;
    var ordered = [];
    var created = 0;
    var deferred = false;
    var keep = new Set();
    this.rows.forEach(function (r) {
      var k = String(self.opts.key(r));
      if (keep.has(k)) { return; } // duplicate key: show the first
      var e = self.entries.get(k);
      if (!e) {
        if (created >= BATCH) { deferred = true; return; }
        e = self.create(k);
        created++;
      }
      keep.add(k);
      var sig = JSON.stringify(r);
      e.data = r;
      if (sig !== e.sig) { e.sig = sig; self.fill(e); }
      ordered.push(e);
    });
    this.entries.forEach(function (e, k) { if (!keep.has(k)) { self.entries.delete(k); } });

    var cursor = this.tbody.firstChild;
    var tbody = this.tbody;
    function place(node) {
      if (node === cursor) { cursor = cursor.nextSibling; } else { tbody.insertBefore(node, cursor); }
    }
    if (!ordered.length) { place(this.emptyRow); }
    ordered.forEach(function (e) { place(e.tr); if (e.open) { place(e.detailTr); } });
    while (cursor) { var next = cursor.nextSibling; tbody.removeChild(cursor); cursor = next; }
    this.table.dataset.rows = String(ordered.length);
    if (deferred && !this.frame) {
      this.frame = requestAnimationFrame(function () { self.frame = 0; self.layout(); });
    }
  };

  KeyedTable.prototype.create = function (key) {
    var self = this;
    var e = { key: key, sig: null, data: null, open: false, detailTr: null, tr: h('tr', { class: 'row' }) };
    if (this.opts.detail) {
      e.tr.tabIndex = 0;
      e.tr.setAttribute('aria-expanded', 'false');
      e.tr.addEventListener('click', function (ev) {
        if (ev.target.closest('button, a, input')) { return; }
        self.toggle(e);
      });
      e.tr.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); self.toggle(e); }
      });
    }
    this.entries.set(key, e);
    return e;
  };

  KeyedTable.prototype.fill = function (e) {
    e.tr.replaceChildren.apply(e.tr, this.opts.cells(e.data));
    e.tr.className = 'row' + (e.open ? ' open' : '') + (this.opts.rowClass ? ' ' + (this.opts.rowClass(e.data) || '') : '');
    if (e.open) { this.fillDetail(e); }
  };

  KeyedTable.prototype.fillDetail = function (e) {
    var cell = h('td', { colspan: this.columns });
    add(cell, this.opts.detail(e.data, cell));
    e.detailTr.replaceChildren(cell);
  };

  KeyedTable.prototype.toggle = function (e) {
    e.open = !e.open;
    e.tr.classList.toggle('open', e.open);
    e.tr.setAttribute('aria-expanded', String(e.open));
    if (e.open) {
      e.detailTr = h('tr', { class: 'detail' });
      this.fillDetail(e);
    }
    this.layout();
  };

  // ---------------------------------------------------------------- sections

  function section(id) { return $(id); }

  /** The muted (or red) line under a section title; empty text hides it. */
  function note(sectionId, text, kind) {
    var s = section(sectionId);
    var p = s.querySelector('.note');
    p.hidden = !text;
    p.textContent = text || '';
    p.className = 'note' + (kind === 'error' ? ' error' : '');
    s.dataset.status = kind || (text ? 'note' : 'ok');
    Array.prototype.forEach.call(s.querySelectorAll('.scroll, .legend'), function (part) {
      if (part.id !== 'chart-legend') { part.hidden = kind === 'unavailable'; }
    });
  }

  function moreBar(sectionId, text, buttonLabel, onClick) {
    var bar = section(sectionId).querySelector('.more');
    bar.hidden = !text;
    bar.replaceChildren();
    if (text) {
      add(bar, h('span', { text: text }));
      if (buttonLabel) { add(bar, h('button', { type: 'button', text: buttonLabel, onclick: onClick })); }
    }
  }

  // ---------------------------------------------------------------- state

  var data = { summary: null, locks: null, executors: null, deadlocks: null, time: null };
  var endpoints = null;      // Set of API paths the agent serves, from /api
  var history = [];          // {t, c} thread counts by state
  var timeSnapshots = [];    // {t, pools} for thread time deltas
  var locksLimit = LOCKS_STEP;
  var threadView = { q: '', state: '', stacks: false, cap: THREADS_STEP, visible: false };
  var paused = false;
  var hoverIndex = -1;

  // ---------------------------------------------------------------- threads summary + chart

  var legendValues = {};
  var chartSpan = HISTORY_MS;

  function buildLegend() {
    var legend = $('chart-legend');
    CHART_STATES.forEach(function (s) {
      legendValues[s] = h('b', { text: '\u2013' });
      add(legend, h('span', { class: 'item' }, h('span', { class: 'swatch st-' + s }), STATE_LABEL[s] + ' ', legendValues[s]));
    });
    legendValues.when = h('span', { class: 'item muted', text: '' });
    add(legend, legendValues.when);
  }

  function renderSummary(d) {
    data.summary = d;
    var c = d.counts || {};
    var live = d.live !== undefined ? d.live : sum(c);
    setText('card-live', fmt.int(live));
    setText('card-live-sub', fmt.int(d.daemon) + ' daemon \u00b7 peak ' + fmt.int(d.peak));
    ['runnable', 'blocked', 'waiting', 'timed_waiting'].forEach(function (s) { setText('card-' + s, fmt.int(c[s] || 0)); });
    $('card-blocked').classList.toggle('hot', (c.blocked || 0) > 0);
    setText('card-started', fmt.int(d.started));
    setText('card-lifecycle-sub', 'started \u00b7 ' + fmt.int(d.terminated) + ' ended'
      + (d.virtualStarted ? ' \u00b7 ' + fmt.int(d.virtualStarted) + ' virtual' : ''));

    var now = Date.now();
    history.push({ t: now, c: c });
    while (history.length && history[0].t < now - HISTORY_MS) { history.shift(); }
    drawChart();

    poolsTable.update(d.pools || [], 'No threads');
  }

  function cssVar(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  /** The chart's top: four gridlines apart by a round whole number. */
  function niceCeil(v) {
    var quarter = v / 4;
    if (quarter <= 1) { return 4; }
    var p = Math.pow(10, Math.floor(Math.log10(quarter)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) {
      var step = steps[i] * p;
      if (step >= quarter && step === Math.round(step)) { return 4 * step; }
    }
    return 40 * p;
  }

  function drawChart() {
    var canvas = $('state-chart');
    var dpr = window.devicePixelRatio || 1;
    var W = canvas.clientWidth;
    var H = canvas.clientHeight;
    if (!W || !H) { return; }
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr);
      canvas.height = Math.round(H * dpr);
    }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var padL = 44, padR = 10, padT = 8, padB = 20;
    var now = Date.now();
    // The axis grows with the history (one minute at least, five at most), so a page opened
    // a moment ago already shows a filled chart.
    var span = Math.min(HISTORY_MS, Math.max(60000, history.length ? now - history[0].t : 0));
    chartSpan = span;
    var t0 = now - span;
    var pts = history.length === 1 ? [{ t: history[0].t - TICK_MS, c: history[0].c }, history[0]] : history;
    var max = 1;
    pts.forEach(function (p) { max = Math.max(max, sum(p.c, CHART_STATES)); });
    var ymax = niceCeil(max);
    function x(t) { return padL + (t - t0) / span * (W - padL - padR); }
    function y(v) { return padT + (1 - v / ymax) * (H - padT - padB); }

    ctx.lineWidth = 1;
    ctx.strokeStyle = cssVar('--line');
    ctx.fillStyle = cssVar('--muted');
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (var i = 0; i <= 4; i++) {
      var v = ymax * i / 4;
      var yy = Math.round(y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(padL, yy); ctx.lineTo(W - padR, yy); ctx.stroke();
      ctx.fillText(fmt.int(v), padL - 6, yy);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (var m = 0; m <= 5; m++) {
      var ago = span * m / 5;
      ctx.textAlign = m === 5 ? 'left' : m === 0 ? 'right' : 'center';
      ctx.fillText(m === 0 ? 'now' : '\u2212' + (span > 120000 ? (ago / 60000).toFixed(ago % 60000 ? 1 : 0) + ' min' : Math.round(ago / 1000) + ' s'),
        x(now - ago), H - padB + 5);
    }

    if (pts.length) {
      var lower = pts.map(function () { return 0; });
      ctx.globalAlpha = 0.85;
      CHART_STATES.forEach(function (s) {
        var upper = pts.map(function (p, k) { return lower[k] + ((p.c && p.c[s]) || 0); });
        ctx.beginPath();
        pts.forEach(function (p, k) { if (k) { ctx.lineTo(x(p.t), y(upper[k])); } else { ctx.moveTo(x(p.t), y(upper[k])); } });
        for (var k = pts.length - 1; k >= 0; k--) { ctx.lineTo(x(pts[k].t), y(lower[k])); }
        ctx.closePath();
        ctx.fillStyle = cssVar('--' + s);
        ctx.fill();
        lower = upper;
      });
      ctx.globalAlpha = 1;
    }
    var shown = hoverIndex >= 0 && hoverIndex < history.length ? history[hoverIndex] : history[history.length - 1];
    if (shown && hoverIndex >= 0) {
      ctx.strokeStyle = cssVar('--text');
      ctx.beginPath(); ctx.moveTo(Math.round(x(shown.t)) + 0.5, padT); ctx.lineTo(Math.round(x(shown.t)) + 0.5, H - padB); ctx.stroke();
    }
    CHART_STATES.forEach(function (s) {
      var value = shown ? fmt.int((shown.c && shown.c[s]) || 0) : '\u2013';
      if (legendValues[s].textContent !== value) { legendValues[s].textContent = value; }
    });
    legendValues.when.textContent = shown && hoverIndex >= 0 ? 'at ' + fmt.clock(shown.t) : '';
    // For tests and curious readers: what the chart holds.
    canvas.dataset.samples = String(history.length);
    canvas.dataset.max = String(max);
    var last = history[history.length - 1];
    CHART_STATES.forEach(function (s) { canvas.dataset[s] = String(last ? (last.c[s] || 0) : 0); });
  }

  function chartHover(ev) {
    var canvas = $('state-chart');
    var rect = canvas.getBoundingClientRect();
    var t = Date.now() - chartSpan + (ev.clientX - rect.left - 44) / (rect.width - 54) * chartSpan;
    var best = -1;
    var bestDist = Infinity;
    history.forEach(function (p, i) { var dd = Math.abs(p.t - t); if (dd < bestDist) { bestDist = dd; best = i; } });
    hoverIndex = best;
    drawChart();
  }

  var poolsTable = null;

  function miniStates(counts, total) {
    var bar = h('div', { class: 'mini' });
    var parts = [];
    CHART_STATES.forEach(function (s) {
      var n = (counts && counts[s]) || 0;
      if (n) {
        add(bar, h('span', { class: 'st-' + s, width: (n / total * 100) + '%' }));
        parts.push(n + ' ' + (STATE_LABEL[s] || s).toLowerCase());
      }
    });
    bar.title = parts.join(', ');
    return bar;
  }

  // ---------------------------------------------------------------- locks, semaphores, signals

  var locksTable = null;
  var semaphoresTable = null;
  var signalsTable = null;

  function ownerButton(name) {
    if (!name) { return '\u2013'; }
    return h('button', {
      class: 'linkish', type: 'button', text: name, title: 'Show this thread in the thread list',
      onclick: function () { showThread(name); }
    });
  }

  function waitersText(waiters) {
    if (!waiters || !waiters.length) { return '\u2013'; }
    var first = waiters.slice(0, 3).join(', ');
    return waiters.length > 3 ? first + ' +' + (waiters.length - 3) + ' more' : first;
  }

  function renderLocks(d) {
    data.locks = d;
    var locks = d.locks || [];
    var maxTotal = 0;
    locks.forEach(function (l) { maxTotal = Math.max(maxTotal, l.totalSeconds || 0); });
    locksTable.opts.maxTotal = maxTotal;
    locksTable.update(locks, 'No contended lock acquisition recorded yet');
    note('locks', '');
    moreBar('locks', locks.length >= locksLimit && locksLimit < LOCKS_MAX ? 'Showing the top ' + locks.length + ' sites.' : '',
      'Show more', function () { locksLimit = Math.min(LOCKS_MAX, locksLimit + 100); refreshNow(pollers.locks); });
    semaphoresTable.update(d.semaphores || [], 'No semaphore wait recorded yet');
    note('semaphores', '');
    signalsTable.update(d.waits || [], 'No signalling wait recorded yet');
    note('signals', '');
  }

  function lockCells(l) {
    var share = locksTable.opts.maxTotal > 0 ? (l.totalSeconds || 0) / locksTable.opts.maxTotal : 0;
    return [
      td([h('span', { class: 'badge', text: l.type || 'lock' }), h('span', { class: 'site', text: l.site }),
        h('div', { class: 'share', width: (share * 100).toFixed(1) + '%' })]),
      num(fmt.int(l.count)),
      num(fmt.secs(l.totalSeconds)),
      num(fmt.secs(l.maxSeconds)),
      num(fmt.int(l.timeouts), l.timeouts > 0 ? 'hot' : ''),
      td(ownerButton(l.owner)),
      td(waitersText(l.waiters), null, (l.waiters || []).join('\n'))
    ];
  }

  function lockDetail(l) {
    return [
      h('div', null, h('b', { text: 'Owner: ' }), l.owner || 'none right now',
        ' \u00b7 ', h('b', { text: 'Waiters: ' }), (l.waiters && l.waiters.length) ? l.waiters.join(', ') : 'none right now'),
      frames(l.stack)
    ];
  }

  // ---------------------------------------------------------------- executors

  var executorsTable = null;
  var UNBOUNDED = 2147483647;

  function meter(value, max) {
    var unbounded = !max || max >= UNBOUNDED;
    var ratio = unbounded ? 0 : Math.min(1, value / max);
    return h('div', { class: 'meter' },
      h('div', { class: 'track' }, h('div', { class: 'fill' + (ratio >= 1 ? ' full' : ''), width: (ratio * 100) + '%' })),
      h('span', { text: fmt.int(value) + ' / ' + (unbounded ? '\u221e' : fmt.int(max)) }));
  }

  function renderExecutors(d) {
    data.executors = d;
    var list = (d.executors || []).slice();
    list.sort(function (a, b) { return (b.saturated ? 1 : 0) - (a.saturated ? 1 : 0); });
    executorsTable.update(list, 'No executor seen yet');
    note('executors', '');
  }

  function executorCells(e) {
    var capacity = e.queueCapacity && e.queueCapacity < UNBOUNDED ? ' / ' + fmt.int(e.queueCapacity) : '';
    return [
      td([h('div', { class: 'site', text: e.name }),
        h('span', { class: 'badge', text: e.type || 'executor' }),
        e.saturated ? h('span', { class: 'badge danger', text: 'saturated', title: 'every thread busy and tasks queue up' }) : null]),
      td(meter(e.active || 0, e.max)),
      num(fmt.int(e.queueSize) + capacity, e.saturated ? 'hot' : ''),
      num(fmt.quantiles(e.queueWait)),
      num(fmt.quantiles(e.runTime)),
      num(fmt.int(e.completed)),
      num(fmt.int(e.rejected), e.rejected > 0 ? 'hot' : ''),
      num(fmt.int(e.failed), e.failed > 0 ? 'hot' : '')
    ];
  }

  // ---------------------------------------------------------------- deadlocks, hangs, stuck, inversions

  var stuckTable = null;
  var inversionsTable = null;
  var bannerSig = { deadlock: null, hang: null };

  function renderDeadlocks(d) {
    data.deadlocks = d;
    renderBanner('deadlock-banner', 'deadlock', d.deadlocks || [], deadlockBlock);
    renderBanner('hang-banner', 'hang', d.hangs || [], hangBlock);
    stuckTable.update(d.stuck || [], 'No stuck thread');
    note('stuck', '');
    inversionsTable.update(d.inversions || [], 'No lock-order inversion seen');
    note('inversions', '');
  }

  /** Rebuilt only when the report changes, so open stacks stay open between polls. */
  function renderBanner(id, kind, items, block) {
    var banner = $(id);
    var sig = JSON.stringify(items.map(function (x) { var c = Object.assign({}, x); delete c.detectedAt; return c; }));
    if (sig === bannerSig[kind]) { return; }
    bannerSig[kind] = sig;
    banner.hidden = items.length === 0;
    banner.replaceChildren();
    items.forEach(function (item) { add(banner, block(item)); });
  }

  function deadlockBlock(dl) {
    var threads = dl.threads || [];
    var cycle = h('ol', { class: 'cycle' });
    (dl.cycle || []).forEach(function (c) {
      var w = c.waitsFor || {};
      var li = h('li', null,
        h('b', { text: c.thread }), ' ', c.state ? stateBadge(c.state) : null,
        'waits for ', h('span', { class: 'badge', text: w.type || 'lock' }), h('span', { class: 'site', text: w.site || w.identity || '?' }),
        c.heldBy ? [' held by ', h('b', { text: c.heldBy })] : null);
      if (c.heldLocks && c.heldLocks.length) {
        add(li, h('div', { class: 'frame' }, 'holds: ' + c.heldLocks.map(function (l) {
          return (l.type ? l.type + ' ' : '') + (l.site || '') + (l.takenAt ? ' (taken at ' + l.takenAt + ')' : '');
        }).join('; ')));
      }
      if (c.stack && c.stack.length) {
        add(li, h('details', null, h('summary', { text: 'stack of ' + c.thread }), frames(c.stack)));
      }
      add(cycle, li);
    });
    return h('div', { class: 'deadlock' },
      h('h2', { text: 'Deadlock: ' + threads.length + ' threads wait for each other forever (' + (dl.kind || 'lock') + ')' }),
      h('div', null, 'Threads: ', h('b', { text: threads.join(' \u2192 ') + (threads.length ? ' \u2192 ' + threads[0] : '') })),
      cycle,
      dl.text ? h('pre', { text: dl.text }) : null);
  }

  function hangBlock(hg) {
    var threads = hg.threads || [];
    return h('div', { class: 'deadlock' },
      h('h2', { text: 'Possible hang (' + (hg.kind || 'wait') + '): ' + threads.length + ' thread' + (threads.length === 1 ? '' : 's') }),
      threads.length ? h('div', null, 'Threads: ', h('b', { text: threads.join(', ') })) : null,
      hg.evidence ? h('div', { text: hg.evidence }) : null,
      hg.text ? h('pre', { text: hg.text }) : null);
  }

  // ---------------------------------------------------------------- thread time by cause

  var timeTable = null;

  function buildTimeLegend() {
    var legend = $('time-legend');
    CAUSES.forEach(function (c) {
      add(legend, h('span', { class: 'item' }, h('span', { class: 'swatch c-' + c }), CAUSE_LABEL[c]));
    });
  }

  function renderTime(d) {
    data.time = d;
    var now = Date.now();
    timeSnapshots.push({ t: now, pools: d.pools || [] });
    while (timeSnapshots.length > 1 && timeSnapshots[1].t <= now - 60000) { timeSnapshots.shift(); }
    var base = timeSnapshots[0];
    var windowed = base.t <= now - 20000;
    var before = {};
    if (windowed) { base.pools.forEach(function (p) { before[p.pool] = p.seconds || {}; }); }
    var rows = (d.pools || []).map(function (p) {
      var secs = {};
      var total = 0;
      CAUSES.concat(Object.keys(p.seconds || {})).forEach(function (c) {
        if (secs[c] !== undefined) { return; }
        var v = ((p.seconds || {})[c] || 0) - (windowed ? ((before[p.pool] || {})[c] || 0) : 0);
        secs[c] = Math.max(0, v);
        total += secs[c];
      });
      return { pool: p.pool, threads: p.threads, secs: secs, total: total };
    });
    rows.sort(function (a, b) { return b.total - a.total; });
    setText('time-window', windowed ? 'per pool, over the last ' + Math.round((now - base.t) / 1000) + ' s' : 'per pool, since the agent started');
    timeTable.update(rows.slice(0, 50), 'No thread time recorded yet');
    note('time', '');
  }

  function timeCells(r) {
    var bar = h('div', { class: 'stack' });
    var top = null;
    var parts = [];
    Object.keys(r.secs).forEach(function (c) {
      var v = r.secs[c];
      if (v <= 0 || r.total <= 0) { return; }
      var share = v / r.total;
      add(bar, h('span', { class: 'c-' + (CAUSE_LABEL[c] ? c : 'other'), width: (share * 100) + '%', title: (CAUSE_LABEL[c] || c) + ': ' + fmt.secs(v) + ' (' + fmt.pct(share) + ')' }));
      parts.push((CAUSE_LABEL[c] || c) + ' ' + fmt.pct(share));
      if (!top || v > r.secs[top]) { top = c; }
    });
    bar.title = parts.join(', ');
    return [
      td(h('span', { class: 'name', text: r.pool })),
      num(fmt.int(r.threads)),
      td(bar),
      td(top ? (CAUSE_LABEL[top] || top) + ' (' + fmt.pct(r.secs[top] / r.total) + ')' : '\u2013')
    ];
  }

  // ---------------------------------------------------------------- thread list (dump view)

  var threadsTable = null;

  function threadListPath() {
    var q = ['limit=' + threadView.cap];
    if (threadView.q) { q.push('q=' + encodeURIComponent(threadView.q)); }
    if (threadView.state) { q.push('state=' + threadView.state); }
    if (threadView.stacks) { q.push('stacks=true'); }
    return '/api/threads?' + q.join('&');
  }

  function renderThreadList(d) {
    var list = (d.threads || []).slice();
    list.sort(function (a, b) {
      return (SEVERITY[a.state] - SEVERITY[b.state]) || String(a.name).localeCompare(String(b.name)) || a.id - b.id;
    });
    threadsTable.update(list, threadView.q || threadView.state ? 'No thread matches' : 'No threads');
    var matched = d.matched !== undefined ? d.matched : list.length;
    setText('thread-count', fmt.int(matched) + (threadView.q || threadView.state ? ' matching' : '') + ' of ' + fmt.int(d.live) + ' live threads');
    moreBar('threads', matched > list.length ? 'Showing ' + fmt.int(list.length) + ' of ' + fmt.int(matched)
      + ' (the first by thread id). Narrow it with the search or a state.' : '',
      threadView.cap < THREADS_MAX ? 'Show more' : null,
      function () { threadView.cap = Math.min(THREADS_MAX, threadView.cap + THREADS_STEP); refreshNow(pollers.threadList); });
    note('threads', '');
  }

  function threadCells(t) {
    var waitingFor = t.blockedOn ? h('span', { class: 'frame', text: t.blockedOn }) : '\u2013';
    return [
      td([h('span', { class: 'name', text: t.name }), t.daemon ? h('span', { class: 'badge', text: 'daemon' }) : null,
        t.stack ? h('div', { class: 'inline-stack' }, frames(t.stack, t.stackTruncated)) : null]),
      td(stateBadge(t.state)),
      td(t.pool || '\u2013'),
      num(fmt.secs(t.cpuSeconds)),
      td(waitingFor),
      td(ownerButton(t.lockOwner))
    ];
  }

  var stackCache = new Map(); // thread id -> the last stack fetched for an open row

  function threadDetail(t) {
    var info = h('div', { class: 'muted', text: 'thread id ' + t.id + (t.daemon ? ', daemon' : '') + ', pool ' + (t.pool || '\u2013')
      + (t.blockedOn ? ', waiting for ' + t.blockedOn : '') + (t.lockOwner ? ' held by ' + t.lockOwner : '') });
    if (t.stack) { return info; } // the stack is already shown in the row
    var cached = stackCache.get(t.id);
    var box = cached ? frames(cached.stack, cached.stackTruncated) : h('div', { class: 'muted', text: 'loading the stack\u2026' });
    getJson('/api/threads?stacks=true&id=' + encodeURIComponent(t.id)).then(function (d) {
      var found = (d.threads || [])[0];
      if (found) {
        if (stackCache.size > 200) { stackCache.clear(); }
        stackCache.set(t.id, found);
      }
      if (box.isConnected) {
        var fresh = found ? frames(found.stack, found.stackTruncated) : h('div', { class: 'muted', text: 'this thread has ended' });
        box.replaceWith(fresh);
        box = fresh;
      }
    }, function (err) {
      if (box.isConnected) { box.replaceWith(h('div', { class: 'note error', text: 'could not load the stack: ' + err.message })); }
    });
    return [info, box];
  }

  /** From an owner name anywhere on the page: find that thread in the list. */
  function showThread(name) {
    var input = $('thread-search');
    input.value = name;
    threadView.q = name;
    threadView.state = '';
    syncChips();
    refreshNow(pollers.threadList);
    section('threads').scrollIntoView();
  }

  function buildThreadControls() {
    var chips = $('state-chips');
    [['', 'All'], ['runnable', 'Runnable'], ['blocked', 'Blocked'], ['waiting', 'Waiting'], ['timed_waiting', 'Timed waiting']]
      .forEach(function (c) {
        add(chips, h('button', {
          type: 'button', text: c[1], 'data-state': c[0], 'aria-pressed': 'false',
          onclick: function () { threadView.state = c[0]; syncChips(); refreshNow(pollers.threadList); }
        }));
      });
    syncChips();
    var timer = 0;
    $('thread-search').addEventListener('input', function (ev) {
      clearTimeout(timer);
      timer = setTimeout(function () { threadView.q = ev.target.value.trim(); refreshNow(pollers.threadList); }, 300);
    });
    $('show-stacks').addEventListener('change', function (ev) {
      threadView.stacks = ev.target.checked;
      threadView.cap = threadView.stacks ? THREADS_STEP / 2 : THREADS_STEP;
      refreshNow(pollers.threadList);
    });
    if ('IntersectionObserver' in window) {
      new IntersectionObserver(function (entries) {
        var was = threadView.visible;
        threadView.visible = entries[entries.length - 1].isIntersecting;
        if (threadView.visible && !was) { refreshNow(pollers.threadList); }
      }).observe(section('threads'));
    } else {
      threadView.visible = true;
    }
  }

  function syncChips() {
    Array.prototype.forEach.call($('state-chips').children, function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-state') === threadView.state));
    });
  }

  // ---------------------------------------------------------------- findings: the one-glance summary

  var findingsSig = null;

  function shortSite(site) {
    var m = /([\w$]+\.[\w$<>]+)\(([^)]*)\)\s*$/.exec(site || '');
    return m ? m[1] + '(' + m[2] + ')' : (site || '?');
  }

  function renderFindings() {
    var s = data.summary;
    if (!s) { return; }
    var items = [];
    var c = s.counts || {};
    var dl = (data.deadlocks && data.deadlocks.deadlocks) || [];
    var threadsInDeadlock = 0;
    dl.forEach(function (x) { threadsInDeadlock += (x.threads || []).length; });
    if (dl.length) { items.push(['danger', 'Deadlock: ' + threadsInDeadlock + ' threads wait for each other forever']); }
    var hangs = (data.deadlocks && data.deadlocks.hangs) || [];
    if (hangs.length) { items.push(['warn', hangs.length + ' possible hang' + (hangs.length > 1 ? 's' : '') + ' (' + hangs.map(function (x) { return x.kind; }).join(', ') + ')']); }
    var stuck = (data.deadlocks && data.deadlocks.stuck) || [];
    if (stuck.length) { items.push(['warn', stuck.length + ' thread' + (stuck.length > 1 ? 's' : '') + ' stuck in the same place']); }
    if (c.blocked) { items.push(['warn', c.blocked + ' thread' + (c.blocked > 1 ? 's' : '') + ' blocked on a monitor now']); }
    var top = data.locks && data.locks.locks && data.locks.locks[0];
    if (top && top.totalSeconds > 0) {
      items.push(['warn', 'Most contended lock: ' + shortSite(top.site) + ', ' + fmt.secs(top.totalSeconds) + ' waited over ' + fmt.int(top.count) + ' acquisitions']);
    }
    ((data.executors && data.executors.executors) || []).forEach(function (e) {
      if (e.saturated) { items.push(['warn', 'Executor saturated: ' + shortSite(e.name) + ' (' + fmt.int(e.queueSize) + ' queued)']); }
    });
    if (!items.length) { items.push(['ok', 'No deadlock, no blocked thread, no saturated executor']); }
    var live = s.live !== undefined ? s.live : sum(c);
    items.push(['', fmt.int(c.runnable || 0) + ' of ' + fmt.int(live) + ' threads runnable, '
      + fmt.int((c.waiting || 0) + (c.timed_waiting || 0)) + ' waiting']);
    var sig = JSON.stringify(items);
    if (sig === findingsSig) { return; }
    findingsSig = sig;
    $('findings').replaceChildren.apply($('findings'), items.map(function (i) { return h('li', { class: i[0], text: i[1] }); }));
  }

  // ---------------------------------------------------------------- fetching and polling

  var stats = { requests: 0, bytes: 0, serverMs: 0 };

  function getJson(path) {
    // location.origin: never a URL with user:password@ in it (fetch refuses those); the
    // browser sends the basic auth credentials it already has for this origin.
    return fetch(location.origin + path, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) {
          var err = new Error(path + ': HTTP ' + res.status);
          err.status = res.status;
          throw err;
        }
        var timing = /dur=([\d.]+)/.exec(res.headers.get('Server-Timing') || '');
        if (timing) { stats.serverMs += parseFloat(timing[1]); }
        return res.text();
      })
      .then(function (text) {
        stats.requests++;
        stats.bytes += text.length;
        return JSON.parse(text);
      });
  }

  /** Each poller: the API path it reads, how often (in ticks), and the sections it fills. */
  var pollers = {
    summary: { api: '/api/threads', path: function () { return '/api/threads?limit=0'; }, every: 1, render: renderSummary, sections: ['overview'] },
    deadlocks: { api: '/api/deadlocks', path: function () { return '/api/deadlocks'; }, every: 2, render: renderDeadlocks, sections: ['stuck', 'inversions'] },
    locks: { api: '/api/locks', path: function () { return '/api/locks?limit=' + locksLimit; }, every: 1, render: renderLocks, sections: ['locks', 'semaphores', 'signals'] },
    executors: { api: '/api/executors', path: function () { return '/api/executors'; }, every: 1, render: renderExecutors, sections: ['executors'] },
    time: { api: '/api/time', path: function () { return '/api/time'; }, every: 3, render: renderTime, sections: ['time'] },
    threadList: { api: '/api/threads', path: threadListPath, every: 3, render: renderThreadList, sections: ['threads'],
      when: function () { return threadView.visible; } }
  };
  Object.keys(pollers).forEach(function (k) { pollers[k].seq = 0; pollers[k].name = k; });

  var UNAVAILABLE = {
    '/api/locks': 'Lock, semaphore and signalling data is not available from this agent (it serves no /api/locks).',
    '/api/executors': 'Executor data is not available from this agent (it serves no /api/executors).',
    '/api/deadlocks': 'Deadlock and hang diagnosis is not available from this agent (it serves no /api/deadlocks).',
    '/api/time': 'Thread time by cause is not available from this agent (it serves no /api/time).',
    '/api/threads': 'Thread data is not available from this agent (it serves no /api/threads).'
  };

  function available(p) { return endpoints !== null && endpoints.has(p.api); }

  function markUnavailable(p) {
    p.sections.forEach(function (id) { note(id, UNAVAILABLE[p.api], 'unavailable'); });
  }

  /** Fetches one poller; responses that arrive after a newer request of the same poller are dropped. */
  function runPoller(p) {
    var seq = ++p.seq;
    return getJson(p.path()).then(function (d) {
      if (seq !== p.seq) { return; }
      p.render(d);
      p.failed = null;
    }, function (err) {
      if (seq !== p.seq) { return; }
      p.failed = err;
      if (err.status === 404) { endpoints = null; } // the agent changed under us (detach/attach): look again
      if (err.status !== 401) {
        p.sections.forEach(function (id) { note(id, 'Could not load ' + p.api + ': ' + err.message, 'error'); });
      }
      throw err;
    });
  }

  function refreshNow(p) {
    if (!available(p)) { return; }
    runPoller(p).then(afterRender, function () { });
  }

  function afterRender() { renderFindings(); }

  var tick = 0;
  var timer = 0;
  var running = false;
  var failures = 0;

  function discover() {
    return getJson('/api').then(function (d) {
      endpoints = new Set(d.endpoints || []);
      Object.keys(pollers).forEach(function (k) { if (!available(pollers[k])) { markUnavailable(pollers[k]); } });
    });
  }

  function loop() {
    clearTimeout(timer);
    if (running) { return; }
    if (paused || document.hidden) { schedule(TICK_MS); return; }
    running = true;
    var started = performance.now();
    stats.requests = 0;
    stats.bytes = 0;
    stats.serverMs = 0;
    var step = endpoints === null ? discover() : Promise.resolve();
    var firstError = null;
    step = step.catch(function (err) { firstError = err; });
    // One request at a time: the agent's HTTP threads are few and the host comes first.
    Object.keys(pollers).forEach(function (k) {
      var p = pollers[k];
      step = step.then(function () {
        if (endpoints === null || !available(p)) { return; }
        if (tick % p.every !== 0 && !p.failed) { return; }
        if (p.when && !p.when()) { return; }
        return runPoller(p).catch(function (err) { if (!firstError) { firstError = err; } });
      });
    });
    step.then(function () {
      running = false;
      tick++;
      afterRender();
      report(firstError, performance.now() - started);
      failures = firstError ? failures + 1 : 0;
      schedule(firstError ? Math.min(MAX_BACKOFF_MS, TICK_MS * Math.pow(2, failures)) : TICK_MS);
    });
  }

  function schedule(ms) { clearTimeout(timer); timer = setTimeout(loop, ms); }

  function report(err, millis) {
    var dot = $('live-dot');
    var body = document.body.dataset;
    if (err) {
      dot.className = 'dot error';
      setText('status-text', err.status === 401 ? 'authentication required: reload the page'
        : err.status ? 'agent answered ' + err.message : 'cannot reach the agent; retrying');
      return;
    }
    dot.className = 'dot live';
    setText('status-text', 'live \u00b7 ' + fmt.clock(Date.now()));
    body.ready = 'true';
    body.refreshes = String(Number(body.refreshes || 0) + 1);
    body.requests = String(stats.requests);
    body.bytes = String(stats.bytes);
    body.serverMs = stats.serverMs.toFixed(3);
    setText('cost', 'last refresh: ' + stats.requests + ' requests, ' + fmt.kb(stats.bytes) + ', '
      + stats.serverMs.toFixed(1) + ' ms in the agent, ' + Math.round(millis) + ' ms in all \u00b7 page '
      + fmt.kb(pageBytes()) + ' \u00b7 every ' + (TICK_MS / 1000) + ' s while visible');
  }

  var pageBytesSeen = 0;

  /** Bytes of the page itself (HTML, script, style), read once from the browser's resource timing. */
  function pageBytes() {
    if (pageBytesSeen) { return pageBytesSeen; }
    var total = 0;
    performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).forEach(function (e) {
      if (e.name.indexOf('/api') < 0) { total += e.encodedBodySize || 0; }
    });
    document.body.dataset.pageBytes = String(total);
    pageBytesSeen = total;
    return total;
  }

  // ---------------------------------------------------------------- start

  function start() {
    poolsTable = new KeyedTable('pools-table', {
      key: function (p) { return p.pool; },
      cells: function (p) {
        return [td(h('span', { class: 'name', text: p.pool })), num(fmt.int(p.threads)), td(miniStates(p.counts, p.threads || 1))];
      }
    });
    locksTable = new KeyedTable('locks-table', {
      key: function (l) { return (l.type || '') + ' ' + l.site; }, cells: lockCells, detail: lockDetail
    });
    semaphoresTable = new KeyedTable('semaphores-table', {
      key: function (s) { return s.site; },
      cells: function (s) {
        return [td(h('span', { class: 'site', text: s.site })), num(fmt.int(s.permits), s.permits === 0 ? 'hot' : ''),
          num(fmt.int(s.count)), num(fmt.secs(s.totalSeconds)), num(fmt.secs(s.maxSeconds))];
      }
    });
    signalsTable = new KeyedTable('signals-table', {
      key: function (w) { return (w.type || '') + ' ' + w.site; },
      cells: function (w) {
        return [td([h('span', { class: 'badge', text: w.type || 'wait' }), h('span', { class: 'site', text: w.site })]),
          num(fmt.int(w.count)), num(fmt.secs(w.totalSeconds)), num(fmt.secs(w.maxSeconds)), num(fmt.int(w.signals)),
          num(fmt.int(w.lost), w.lost > 0 ? 'hot' : '')];
      }
    });
    executorsTable = new KeyedTable('executors-table', {
      key: function (e) { return e.name; }, cells: executorCells,
      rowClass: function (e) { return e.saturated ? 'saturated' : ''; }
    });
    stuckTable = new KeyedTable('stuck-table', {
      key: function (s) { return s.thread + ' ' + s.frame; },
      cells: function (s) {
        return [td(h('span', { class: 'name', text: s.thread })), td(stateBadge(s.state)), num(fmt.secs(s.seconds), 'hot'),
          td(h('span', { class: 'frame', text: s.frame }))];
      }
    });
    inversionsTable = new KeyedTable('inversions-table', {
      key: function (i) { return i.first + ' ' + i.second; },
      cells: function (i) { return [td(h('span', { class: 'site', text: i.first })), td(h('span', { class: 'site', text: i.second }))]; },
      detail: function (i) {
        return [i.text ? h('pre', { text: i.text }) : null, h('div', { text: 'One thread, taking ' + i.first + ' first:' }), frames(i.stackA),
          h('div', { text: 'Another, taking ' + i.second + ' first:' }), frames(i.stackB)];
      }
    });
    timeTable = new KeyedTable('time-table', { key: function (r) { return r.pool; }, cells: timeCells });
    threadsTable = new KeyedTable('threads-table', {
      key: function (t) { return t.id; }, cells: threadCells, detail: threadDetail,
      rowClass: function (t) { return 'state-' + t.state; }
    });

    buildLegend();
    buildTimeLegend();
    buildThreadControls();
    var canvas = $('state-chart');
    canvas.addEventListener('mousemove', chartHover);
    canvas.addEventListener('mouseleave', function () { hoverIndex = -1; drawChart(); });
    var resizeFrame = 0;
    window.addEventListener('resize', function () {
      if (!resizeFrame) { resizeFrame = requestAnimationFrame(function () { resizeFrame = 0; drawChart(); }); }
    });
    $('pause').addEventListener('click', function (ev) {
      paused = !paused;
      ev.target.textContent = paused ? 'Resume' : 'Pause';
      $('live-dot').className = paused ? 'dot paused' : 'dot live';
      setText('status-text', paused ? 'paused' : 'resuming\u2026');
      if (!paused) { loop(); }
    });
    document.addEventListener('visibilitychange', function () { if (!document.hidden && !paused) { loop(); } });
    drawChart();
    loop();
  }

  start();
}());
