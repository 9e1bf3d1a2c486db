/** The keys and teams panel of GET /admin (SPEC 11): filled by browser/keys.ts from /key/list and /team/list. */
export const ADMIN_KEYS_PANEL = `
    <section class="panel keys" id="keys-panel">
      <h2>Virtual keys and teams</h2>
      <p class="hint">Keys are shown once, when created or regenerated; the list shows only their names (<code>sk-…Ab3x</code>).</p>
      <p class="error" id="keys-error" hidden></p>
      <form id="team-form" class="inline-form" autocomplete="off">
        <input type="text" id="team-alias" placeholder="New team alias" aria-label="Team alias">
        <input type="text" id="team-models" placeholder="Models, comma-separated (empty: all)" aria-label="Team models">
        <input type="text" id="team-budget" placeholder="Max budget USD" aria-label="Team max budget">
        <button type="submit">Create team</button>
      </form>
      <div class="table-wrap"><table id="teams-table"><thead><tr><th>Team</th><th>Id</th><th>Models</th><th class="num">Limits</th><th>Spend / budget</th><th>Keys</th></tr></thead><tbody></tbody></table></div>
      <form id="key-form" class="inline-form" autocomplete="off">
        <input type="text" id="key-alias" placeholder="New key alias" aria-label="Key alias">
        <select id="key-team" aria-label="Key team"><option value="">no team</option></select>
        <input type="text" id="key-models" placeholder="Models, comma-separated (empty: all)" aria-label="Key models">
        <input type="text" id="key-budget" placeholder="Max budget USD" aria-label="Key max budget">
        <input type="text" id="key-duration" placeholder="Expires after, e.g. 30d" aria-label="Key duration">
        <button type="submit" class="primary">Create key</button>
      </form>
      <div class="new-key" id="new-key" hidden><span>Copy this key now, it is not shown again:</span> <code id="new-key-value"></code> <button type="button" id="new-key-hide">Done</button></div>
      <div class="table-wrap"><table id="keys-table"><thead><tr><th>Alias</th><th>Key</th><th>Team</th><th>Models</th><th class="num">Limits</th><th>Spend / budget</th><th>Expires</th><th>Status</th><th></th></tr></thead><tbody></tbody></table></div>
    </section>`;

export const ADMIN_KEYS_CSS = `
.inline-form { display: flex; gap: 8px; margin: 10px 0; flex-wrap: wrap; }
.inline-form input, .inline-form select { width: auto; flex: 1 1 140px; padding: 6px 8px; border: 1px solid #cfd4dc; border-radius: 6px; }
.new-key { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 6px; padding: 8px 10px; margin: 8px 0; }
.new-key code { user-select: all; word-break: break-all; }
.keys td button { margin-right: 4px; font-size: 12px; }
`;
