/** The spend panel of GET /admin (SPEC 11): two charts drawn by browser/spend-chart.ts from /spend/report. */
export const ADMIN_SPEND_PANEL = `
    <section class="panel spend" id="spend-panel">
      <h2>Spend per day</h2>
      <p class="hint">From <code>/spend/report</code>: calls made with virtual keys, priced, by UTC day. Spend is written in batches, so the last seconds may be missing.</p>
      <form id="spend-form" class="inline-form" autocomplete="off">
        <label>From <input type="date" id="spend-from" aria-label="From day"></label>
        <label>to <input type="date" id="spend-to" aria-label="To day"></label>
        <button type="submit">Show</button>
        <span class="status-line" id="spend-total"></span>
      </form>
      <p class="error" id="spend-error" hidden></p>
      <div class="spend-charts"><div id="spend-team-chart"></div><div id="spend-model-chart"></div></div>
    </section>`;

export const ADMIN_SPEND_CSS = `
.spend-charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.spend-charts h3 { margin: 8px 0 4px; font-size: 13px; }
.spend-chart { width: 100%; height: auto; display: block; }
.spend-chart .grid { stroke: var(--line); stroke-width: 1; }
.spend-chart .axis { fill: var(--muted); font-size: 11px; }
.spend-chart .bar:hover { opacity: .8; }
.legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend .swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.inline-form label { display: flex; align-items: center; gap: 6px; color: var(--muted); }
`;
