import { adminPageCsp, escapeHtml, jsonForScript, renderAdminPage } from './admin-page.view';

describe('admin page view', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    [undefined, ''],
  ])('escapes %p', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('embeds JSON that cannot close its script element', () => {
    const json = jsonForScript({ model: '</script><script>alert(1)</script>', amp: 'a&b', ls: '\u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ model: '</script><script>alert(1)</script>', amp: 'a&b', ls: '\u2028' });
  });

  it('renders the sign-in form with no data, and the escaped message', () => {
    const html = renderAdminPage({ nonce: 'n0nce', mode: 'login', message: '<b>refused</b>' });
    expect(html).toContain('id="login-form"');
    expect(html).toContain('&lt;b&gt;refused&lt;/b&gt;');
    expect(html).not.toContain('id="initial-data"');
    expect(html).toContain('<script type="module" nonce="n0nce" src="/admin/assets/admin.js"></script>');
  });

  it('embeds the initial data only when authorized', () => {
    const html = renderAdminPage({ nonce: 'n', mode: 'ready', initial: { routes: { models: [{ model_name: '<x>' }] }, health: null } });
    expect(html).toContain('<script type="application/json" id="initial-data">{"routes":{"models":[{"model_name":"\\u003cx\\u003e"}]},"health":null}</script>');
    expect(html).toMatch(/<section class="panel login" id="login" hidden>/);
  });

  it('says the admin API is disabled without a master key, with no script', () => {
    const html = renderAdminPage({ nonce: 'n', mode: 'disabled' });
    expect(html).toContain('general_settings.master_key');
    expect(html).not.toContain('<script nonce');
  });

  it('allows only its own nonce-bearing code and same-origin calls', () => {
    expect(adminPageCsp('abc')).toBe(
      "default-src 'none'; script-src 'nonce-abc'; style-src 'nonce-abc'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('has the keys, teams and spend panels, and no inline code', () => {
    const html = renderAdminPage({ nonce: 'n1', mode: 'login' });
    for (const id of ['keys-table', 'teams-table', 'key-form', 'team-form', 'new-key-value', 'spend-form', 'spend-team-chart', 'spend-model-chart']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" nonce="n1" src="/admin/assets/admin.js">']);
    expect(html).not.toContain('${');
  });
});
