import { NotFoundError } from '../common/errors';
import { AdminAssetsService } from './admin-assets.service';

describe('AdminAssetsService', () => {
  const assets = new AdminAssetsService();

  it('serves the page module, compiled to JavaScript, with every module it imports', () => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const { body, headers } = assets.script(name);
      expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(body).not.toMatch(/\binterface\b|: string\b|<T /); // no TypeScript left
      expect(body).not.toContain('sk-');
      for (const [, dep] of body.matchAll(/from '\.\/([a-z-]+\.js)'/g)) visit(dep);
    };
    visit('admin.js');
    expect([...seen].sort()).toEqual(['admin.js', 'api.js', 'dom.js', 'keys.js', 'spend-chart.js']);
    expect(assets.script('admin.js').body).toContain("from './keys.js'");
  });

  it.each(['../admin-page.view.js', 'admin.ts', 'tsconfig.json', 'Admin.js', 'missing.js', '%2e%2e%2fmain.js', ''])(
    'refuses %p with 404 naming the asset',
    (name) => {
      expect(() => assets.script(name)).toThrow(NotFoundError);
      expect(() => assets.script(name)).toThrow(/No admin page asset is named/);
    },
  );
});
