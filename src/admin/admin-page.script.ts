/**
 * The admin page's browser code, inlined (no build step). It reads the JSON
 * APIs — GET /admin/routes, GET /health, POST /admin/routes/explain — with
 * the master key kept in this tab's sessionStorage (or with none, when the
 * page was opened with an Authorization header a proxy adds), and builds
 * every element with textContent, never innerHTML, so nothing it shows can
 * become markup. Plain ES2020; no template literals, so it can live in a
 * TypeScript string.
 */
import { ADMIN_KEYS_SCRIPT } from './admin-keys.script';

export const ADMIN_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var KEY_STORE = 'llmgw.admin.key';
  var POLL_MS = 3000;
  var state = { key: sessionStorage.getItem(KEY_STORE) || '', routes: null, health: null, filter: '', timer: null, lastOk: 0, loading: false };

  function $(id) { return document.getElementById(id); }

  /** h('td', {class: 'num', title: 'x'}, [child, 'text']) — text children become text nodes. */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = String(v);
        else if (k === 'width') el.style.width = String(v); // through CSSOM: allowed by the page's CSP
        else el.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    });
    return el;
  }
  function pill(kind, text, title) { return h('span', { class: 'pill ' + kind, text: text, title: title }); }
  function fmt(n, digits) { return n === null || n === undefined ? '—' : Number(n).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 0 : digits }); }
  function ms(n) { return n === null || n === undefined ? '—' : fmt(n, n < 10 ? 1 : 0) + ' ms'; }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  async function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (state.key) headers.Authorization = 'Bearer ' + state.key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    var res = await fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'same-origin' });
    var data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      var err = new Error((data && data.error && data.error.message) || ('HTTP ' + res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // --- sign-in ---------------------------------------------------------------
  function showLogin(message) {
    stopPolling();
    $('app').hidden = true;
    $('session').hidden = true;
    $('login').hidden = false;
    $('signout').hidden = true;
    var box = $('login-error');
    box.hidden = !message;
    box.textContent = message || '';
    $('login-key').focus();
  }
  function showApp() {
    if (typeof loadKeysOnce === 'function') loadKeysOnce();
    $('login').hidden = true;
    $('app').hidden = false;
    $('session').hidden = false;
    $('signout').hidden = !state.key;
  }
  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = $('login-key');
    var key = input.value.trim();
    input.value = '';
    if (!key) return showLogin('Enter the master key.');
    state.key = key;
    sessionStorage.setItem(KEY_STORE, key);
    refresh(true);
  });
  $('signout').addEventListener('click', function () {
    sessionStorage.removeItem(KEY_STORE);
    state.key = '';
    state.routes = null;
    state.keysLoaded = false;
    clear($('models'));
    showLogin('');
  });

  // --- polling ---------------------------------------------------------------
  function stopPolling() { if (state.timer) clearInterval(state.timer); state.timer = null; }
  function startPolling() {
    if (state.timer) return;
    state.timer = setInterval(function () {
      if (!document.hidden && $('live').checked) refresh(false);
    }, POLL_MS);
  }
  async function refresh(first) {
    if (state.loading) return;
    state.loading = true;
    try {
      var results = await Promise.all([api('GET', '/admin/routes'), api('GET', '/health').catch(function () { return null; })]);
      state.routes = results[0];
      state.health = results[1];
      state.lastOk = Date.now();
      $('fetch-error').hidden = true;
      showApp();
      render();
      startPolling();
    } catch (err) {
      if (err.status === 401 || err.status === 403) {
        sessionStorage.removeItem(KEY_STORE);
        state.key = '';
        showLogin(first ? 'That key was refused: ' + err.message : 'Signed out: ' + err.message);
      } else {
        $('fetch-error').hidden = false;
        $('fetch-error').textContent = 'Could not refresh: ' + err.message;
      }
    } finally {
      state.loading = false;
      tick();
    }
  }

  // --- rendering -------------------------------------------------------------
  function healthById() {
    var out = {};
    ((state.health && state.health.deployments) || []).forEach(function (d) { out[d.id] = d; });
    return out;
  }

  function render() {
    var r = state.routes;
    if (!r) return;
    var all = [];
    r.models.forEach(function (m) { m.deployments.forEach(function (d) { all.push(d); }); });
    var cooling = all.filter(function (d) { return d.cooldown.active; }).length;
    var available = all.filter(function (d) { return d.available; }).length;
    var inFlight = all.reduce(function (s, d) { return s + d.in_flight; }, 0);
    var rs = state.health && state.health.router_state;
    var stateText = !rs ? 'unknown' : rs.backend === 'memory' ? 'in memory (this replica)' : (rs.status === 'up' ? 'Redis ' + rs.address + ' (shared)' : 'Redis ' + rs.address + ' DOWN: local');
    var cards = clear($('cards'));
    [
      ['Models', fmt(r.models.length)],
      ['Deployments', fmt(all.length)],
      ['Available', fmt(available) + ' / ' + fmt(all.length)],
      ['Cooling down', fmt(cooling)],
      ['In flight', fmt(inFlight)],
      ['Strategy', r.router.routing_strategy, true],
      ['Router state', stateText, true],
    ].forEach(function (c) {
      cards.appendChild(h('div', { class: 'card' }, [h('div', { class: 'label', text: c[0] }), h('div', { class: 'value' + (c[2] ? ' small' : ''), text: c[1] })]));
    });
    $('router-line').textContent = 'num_retries ' + r.router.num_retries + ' · allowed_fails ' + r.router.allowed_fails + ' · cooldown ' + r.router.cooldown_seconds + ' s' +
      (r.router.timeout_seconds !== null ? ' · timeout ' + r.router.timeout_seconds + ' s' : '');

    var names = $('model-names');
    clear(names);
    r.models.forEach(function (m) { names.appendChild(h('option', { value: m.model_name })); });

    var health = healthById();
    var host = clear($('models'));
    var filter = state.filter.toLowerCase();
    var shown = 0;
    r.models.forEach(function (m) {
      var hay = (m.model_name + ' ' + m.deployments.map(function (d) { return d.id + ' ' + d.provider + ' ' + d.upstream_model; }).join(' ')).toLowerCase();
      if (filter && hay.indexOf(filter) < 0) return;
      shown++;
      host.appendChild(modelPanel(m, health));
    });
    if (shown === 0) host.appendChild(h('div', { class: 'panel dim', text: filter ? 'No model matches the filter.' : 'No models are configured.' }));
  }

  function chain(self, list) {
    var el = h('span', { class: 'chain' }, [h('span', { class: 'node self', text: self })]);
    list.forEach(function (name) {
      el.appendChild(h('span', { class: 'arrow', text: '→' }));
      el.appendChild(h('span', { class: 'node', text: name }));
    });
    return el;
  }

  var HEAD_TITLES = {
    RPM: 'Requests this minute / limit', TPM: 'Tokens this minute / limit', 'Fails 1m': 'Failures in the last minute (every replica)',
    'Success 5m': 'Share of successful calls in the last 5 minutes (this replica)', 'p50 / p95': 'Latency percentiles of recent calls (time to first token for streams)',
  };

  function modelPanel(m, health) {
    var up = m.deployments.filter(function (d) { return d.available; }).length;
    var head = h('div', { class: 'model-head' }, [
      h('h3', { text: m.model_name }),
      pill(up === m.deployments.length ? 'ok' : up === 0 ? 'bad' : 'warn', up + ' / ' + m.deployments.length + ' available'),
    ]);
    var fb = h('div', { class: 'fallbacks' });
    [['on error', m.fallbacks.general], ['context window', m.fallbacks.context_window], ['content policy', m.fallbacks.content_policy]].forEach(function (f) {
      fb.appendChild(h('span', null, [f[0] + ': ', f[1].length ? chain(m.model_name, f[1]) : h('span', { class: 'dim', text: 'none' })]));
    });
    var rows = m.deployments.map(function (d) { return deploymentRow(d, health[d.id]); });
    var table = h('table', null, [
      h('thead', null, [h('tr', null, ['Deployment', 'Provider · model', 'api_base', 'Weight', 'RPM', 'TPM', 'In flight', 'Status', 'Fails 1m', 'Success 5m', 'p50 / p95'].map(function (t, i) {
        return h('th', { text: t, class: i >= 3 && i !== 7 ? 'num' : null, title: HEAD_TITLES[t] });
      }))]),
      h('tbody', null, rows),
    ]);
    return h('section', { class: 'panel model', 'data-model': m.model_name }, [head, fb, h('div', { class: 'table-wrap' }, [table])]);
  }

  function meter(used, limit) {
    if (limit === null || limit === undefined) return h('div', { class: 'meter' }, [h('span', { text: fmt(used) + ' / no limit' })]);
    var pct = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 100;
    var bar = h('span', { class: pct >= 100 ? 'full' : pct >= 80 ? 'hot' : null, width: pct + '%' });
    return h('div', { class: 'meter', title: pct + '% of the limit this minute' }, [h('span', { text: fmt(used) + ' / ' + fmt(limit) }), h('div', { class: 'bar' }, [bar])]);
  }

  function statusCell(d) {
    if (d.cooldown.active) {
      var until = Date.parse(d.cooldown.until);
      return h('td', null, [h('span', { class: 'pill bad countdown', 'data-until': String(until), title: 'until ' + d.cooldown.until, text: 'cooling down' })]);
    }
    if (d.available) return h('td', null, [pill('ok', 'available', d.status_reason)]);
    return h('td', null, [pill('warn', d.status_reason)]);
  }

  function deploymentRow(d, hd) {
    var rate = hd && hd.success_rate !== null && hd.success_rate !== undefined ? Math.round(hd.success_rate * 1000) / 10 + '%' : '—';
    var calls = hd ? hd.calls.ok + ' ok, ' + hd.calls.failed + ' failed in ' + hd.calls.window_minutes + ' min (this replica)' : '';
    return h('tr', { 'data-deployment': d.id }, [
      h('td', null, [h('div', { class: 'mono', text: d.id }), d.missing_env.length ? h('div', { class: 'dim', text: 'unset: ' + d.missing_env.join(', ') }) : null]),
      h('td', null, [h('div', { text: d.provider }), h('div', { class: 'mono dim', text: d.upstream_model })]),
      h('td', { class: 'mono url', text: d.api_base || '—' }),
      h('td', { class: 'num', text: d.weight === null ? '—' : fmt(d.weight, 2) }),
      h('td', { class: 'num' }, [meter(d.usage.rpm, d.limits.rpm)]),
      h('td', { class: 'num' }, [meter(d.usage.tpm, d.limits.tpm)]),
      h('td', { class: 'num', text: fmt(d.in_flight) }),
      statusCell(d),
      h('td', { class: 'num', text: fmt(d.recent_failures) }),
      h('td', { class: 'num', text: rate, title: calls }),
      h('td', { class: 'num', text: d.latency_ms.p50 === null ? '—' : ms(d.latency_ms.p50) + ' / ' + ms(d.latency_ms.p95) }),
    ]);
  }

  /** Once a second: cooldown countdowns and the freshness of the data. */
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.countdown').forEach(function (el) {
      var left = Math.max(0, Math.ceil((Number(el.getAttribute('data-until')) - now) / 1000));
      el.textContent = left > 0 ? 'cooling down · ' + left + ' s' : 'back now';
      el.className = left > 0 ? 'pill bad countdown' : 'pill ok countdown';
    });
    if (state.lastOk) {
      var age = Math.round((now - state.lastOk) / 1000);
      $('live-dot').className = 'dot ' + (age <= 10 ? 'live' : 'stale');
      $('updated').textContent = 'updated ' + (age <= 1 ? 'just now' : age + ' s ago');
    }
  }
  setInterval(tick, 1000);

  // --- explain ---------------------------------------------------------------
  $('explain-form').addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var model = $('explain-model').value.trim();
    var text = $('explain-message').value;
    var out = clear($('explain-result'));
    if (!model) { out.appendChild(h('div', { class: 'error', text: 'Type a model name.' })); return; }
    var body = { model: model };
    if (text.trim()) body.messages = [{ role: 'user', content: text }];
    out.appendChild(h('div', { class: 'dim', text: 'Explaining…' }));
    try {
      var x = await api('POST', '/admin/routes/explain', body);
      renderExplain(clear(out), x);
    } catch (err) {
      clear(out).appendChild(h('div', { class: 'error', text: err.message }));
      if (err.status === 401) showLogin('Signed out: ' + err.message);
    }
  });

  function renderExplain(out, x) {
    if (x.pick) {
      out.appendChild(h('div', { class: 'verdict ok' }, ['Would go to ', h('strong', { text: x.pick.id }), ' — ' + x.pick.reason + ' (' + x.routing_strategy + ')']));
    } else if (x.no_pick_error) {
      var e = x.no_pick_error;
      out.appendChild(h('div', { class: 'verdict bad' }, ['No deployment may take it now: the caller would get ' + e.status + ' ' + e.type + (e.code ? ' (' + e.code + ')' : '') + (e.retry_after_seconds ? ', Retry-After ' + e.retry_after_seconds + ' s' : '') + '. ' + e.message]));
    }
    if (x.prompt_tokens_estimate !== null && x.prompt_tokens_estimate !== undefined) {
      out.appendChild(h('p', { class: 'status-line', text: 'Prompt estimate: ~' + x.prompt_tokens_estimate + ' tokens' }));
    }
    var rows = x.candidates.map(function (c) {
      var verdict = c.picked ? pill('ok', 'picked') : c.kept ? pill('idle', 'kept') : pill('bad', 'dropped' + (c.drop ? ': ' + c.drop : ''));
      return h('tr', { 'data-candidate': c.id }, [
        h('td', { class: 'mono', text: c.id }),
        h('td', null, [h('div', { text: c.provider }), h('div', { class: 'mono dim', text: c.upstream_model })]),
        h('td', null, [verdict]),
        h('td', { text: c.reason }),
        h('td', { class: 'dim', text: c.strategy_view }),
      ]);
    });
    out.appendChild(h('div', { class: 'table-wrap' }, [h('table', null, [
      h('thead', null, [h('tr', null, ['Candidate', 'Provider · upstream', 'Verdict', 'Why', 'What the strategy sees'].map(function (t) { return h('th', { text: t }); }))]),
      h('tbody', null, rows),
    ])]));
    var fb = x.fallbacks;
    var list = h('div', { class: 'fallbacks' });
    if (fb.disabled) list.appendChild(h('span', { text: 'Fallbacks disabled for this request.' }));
    else {
      list.appendChild(h('span', null, ['on error: ', fb.chain.length ? chain(x.model, []) : h('span', { class: 'dim', text: 'none' })]));
      fb.chain.forEach(function (step) {
        list.appendChild(h('span', null, [
          h('span', { class: 'arrow', text: '→ ' }),
          h('span', { class: 'mono', text: step.model }),
          ' ',
          !step.exists ? pill('bad', 'not configured') : step.pick ? pill('ok', 'would use ' + step.pick.id) : pill('warn', 'none available'),
        ]));
      });
      list.appendChild(h('span', null, ['context window: ', fb.on_context_window.length ? fb.on_context_window.join(' → ') : 'none']));
      list.appendChild(h('span', null, ['content policy: ', fb.on_content_policy.length ? fb.on_content_policy.join(' → ') : 'none']));
    }
    out.appendChild(list);
  }

  $('filter').addEventListener('input', function (ev) { state.filter = ev.target.value; render(); });
  $('refresh').addEventListener('click', function () { refresh(false); });

  // --- keys and teams --------------------------------------------------------
${ADMIN_KEYS_SCRIPT}
  function loadKeysOnce() { if (!state.keysLoaded) { state.keysLoaded = true; loadKeys(); } }

  // --- start -----------------------------------------------------------------
  var initial = $('initial-data');
  if (initial && initial.textContent) {
    try {
      var data = JSON.parse(initial.textContent);
      state.routes = data.routes;
      state.health = data.health;
      state.lastOk = Date.now();
      showApp();
      render();
      startPolling();
      tick();
    } catch (e) { refresh(true); }
  } else if (state.key) {
    refresh(true);
  } else {
    showLogin('');
  }
})();
`;
