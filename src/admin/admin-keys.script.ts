/**
 * The keys and teams panel's browser code, run inside ADMIN_PAGE_SCRIPT's
 * scope (it uses its `$`, `h`, `api`, `clear`, `fmt`, `pill`). Reads
 * /team/list and /key/list; creates, blocks, regenerates and deletes through
 * the management API. A new key is shown in one box, once, and dropped from
 * the page when dismissed.
 */
export const ADMIN_KEYS_SCRIPT = String.raw`
  var keysState = { teams: [], keys: [] };
  function list(text) { return text.split(',').map(function (s) { return s.trim(); }).filter(Boolean); }
  function budgetBar(spend, budget) {
    if (budget === null || budget === undefined) return h('div', { class: 'meter' }, [h('span', { text: '$' + fmt(spend, 4) + ' / no budget' })]);
    var pct = budget > 0 ? Math.min(100, Math.round((spend / budget) * 100)) : 100;
    return h('div', { class: 'meter', title: pct + '% of the budget' }, [
      h('span', { text: '$' + fmt(spend, 4) + ' / $' + fmt(budget, 2) }),
      h('div', { class: 'bar' }, [h('span', { class: pct >= 100 ? 'full' : pct >= 80 ? 'hot' : null, width: pct + '%' })]),
    ]);
  }
  function limitsText(x) {
    var parts = [];
    if (x.rpm_limit !== null && x.rpm_limit !== undefined) parts.push(x.rpm_limit + ' rpm');
    if (x.tpm_limit !== null && x.tpm_limit !== undefined) parts.push(x.tpm_limit + ' tpm');
    if (x.max_parallel_requests !== null && x.max_parallel_requests !== undefined) parts.push(x.max_parallel_requests + ' parallel');
    return parts.length ? parts.join(' · ') : '—';
  }
  function keysError(message) { var box = $('keys-error'); box.hidden = !message; box.textContent = message || ''; }
  function showNewKey(key) { $('new-key-value').textContent = key; $('new-key').hidden = false; }
  $('new-key-hide').addEventListener('click', function () { $('new-key-value').textContent = ''; $('new-key').hidden = true; });

  async function loadKeys() {
    try {
      var results = await Promise.all([api('GET', '/team/list'), api('GET', '/key/list?return_full_object=true&size=1000')]);
      keysState.teams = results[0];
      keysState.keys = results[1].keys;
      keysError('');
      renderKeys();
    } catch (err) {
      keysError('Keys and teams are unavailable: ' + err.message);
    }
  }
  async function keyAction(fn) {
    try { await fn(); keysError(''); } catch (err) { keysError(err.message); }
    await loadKeys();
  }

  function renderKeys() {
    var teamNames = {};
    keysState.teams.forEach(function (t) { teamNames[t.team_id] = t.team_alias || t.team_id; });
    var select = $('key-team');
    var chosen = select.value;
    clear(select).appendChild(h('option', { value: '', text: 'no team' }));
    keysState.teams.forEach(function (t) { select.appendChild(h('option', { value: t.team_id, text: teamNames[t.team_id] })); });
    select.value = chosen;

    clear($('teams-table').querySelector('tbody'));
    keysState.teams.forEach(function (t) {
      var count = keysState.keys.filter(function (k) { return k.team_id === t.team_id; }).length;
      $('teams-table').querySelector('tbody').appendChild(h('tr', { 'data-team': t.team_id }, [
        h('td', { text: t.team_alias || '—' }), h('td', { class: 'mono', text: t.team_id }),
        h('td', { text: t.models.length ? t.models.join(', ') : 'all' }), h('td', { class: 'num', text: limitsText(t) }),
        h('td', null, [budgetBar(t.spend, t.max_budget)]), h('td', { class: 'num', text: String(count) }),
      ]));
    });

    var body = clear($('keys-table').querySelector('tbody'));
    if (!keysState.keys.length) body.appendChild(h('tr', null, [h('td', { class: 'dim', colspan: 9, text: 'No keys yet.' })]));
    keysState.keys.forEach(function (k) {
      var expired = k.expires && Date.parse(k.expires) <= Date.now();
      var status = k.blocked ? pill('bad', 'blocked') : expired ? pill('warn', 'expired') : pill('ok', 'active');
      var actions = h('td', null, [
        h('button', { type: 'button', 'data-action': k.blocked ? 'unblock' : 'block', text: k.blocked ? 'Unblock' : 'Block' }),
        h('button', { type: 'button', 'data-action': 'regenerate', text: 'Regenerate' }),
        h('button', { type: 'button', 'data-action': 'delete', text: 'Delete' }),
      ]);
      actions.addEventListener('click', function (ev) {
        var action = ev.target.getAttribute('data-action');
        if (!action) return;
        if (action === 'delete') return keyAction(function () { return api('POST', '/key/delete', { keys: [k.token] }); });
        if (action === 'regenerate') return keyAction(async function () { showNewKey((await api('POST', '/key/regenerate', { key: k.token })).key); });
        return keyAction(function () { return api('POST', '/key/' + action, { key: k.token }); });
      });
      body.appendChild(h('tr', { 'data-key': k.token }, [
        h('td', { text: k.key_alias || '—' }), h('td', { class: 'mono', text: k.key_name }),
        h('td', { text: k.team_id ? (teamNames[k.team_id] || k.team_id) : '—' }),
        h('td', { text: k.models.length ? k.models.join(', ') : 'all' }), h('td', { class: 'num', text: limitsText(k) }),
        h('td', null, [budgetBar(k.spend, k.max_budget)]),
        h('td', { text: k.expires ? k.expires.replace('T', ' ').slice(0, 16) + ' UTC' : 'never' }),
        h('td', null, [status]), actions,
      ]));
    });
  }

  function budgetOf(id) { var v = $(id).value.trim(); return v === '' ? undefined : Number(v); }
  $('team-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = { team_alias: $('team-alias').value.trim(), models: list($('team-models').value), max_budget: budgetOf('team-budget') };
    keyAction(async function () { await api('POST', '/team/new', body); $('team-form').reset(); });
  });
  $('key-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = { models: list($('key-models').value), max_budget: budgetOf('key-budget') };
    if ($('key-alias').value.trim()) body.key_alias = $('key-alias').value.trim();
    if ($('key-team').value) body.team_id = $('key-team').value;
    if ($('key-duration').value.trim()) body.duration = $('key-duration').value.trim();
    keyAction(async function () { showNewKey((await api('POST', '/key/generate', body)).key); $('key-form').reset(); });
  });
`;
