import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import type * as TypeScript from 'typescript';
import { NotFoundError } from '../common/errors';

/** The page's browser code beside this file: `browser/` (src/admin/browser/*.ts, compiled to dist/admin/browser/*.js). */
const BROWSER_DIR = join(__dirname, 'browser');
/** Only plain module names from that one folder: nothing else is reachable through the route. */
const ASSET_NAME = /^[a-z][a-z0-9-]*\.js$/;

export interface AdminAsset {
  body: string;
  headers: Record<string, string>;
}

/**
 * GET /admin/assets/<name>.js: the admin page's ES modules. Built, they sit
 * beside this file in dist/admin/browser (`npm run build` compiles
 * src/admin/browser with its own tsconfig, and the image copies dist/). Run
 * from src/ (ts-jest, ts-node), there is no .js beside the .ts, so the source
 * is transpiled once with the `typescript` dev dependency and the same compiler
 * options: never a stale copy, no build needed before a test. Either way the
 * text is read once and kept. No secret is ever part of it.
 */
@Injectable()
export class AdminAssetsService {
  private readonly scripts = new Map<string, string>();

  script(name: string): AdminAsset {
    const body = ASSET_NAME.test(name) ? (this.scripts.get(name) ?? this.load(name)) : undefined;
    if (body === undefined) throw new NotFoundError(`No admin page asset is named ${JSON.stringify(name)}.`, { param: 'name' });
    return {
      body,
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    };
  }

  private load(name: string): string | undefined {
    const built = join(BROWSER_DIR, name);
    const source = join(BROWSER_DIR, name.replace(/\.js$/, '.ts'));
    let body: string;
    if (existsSync(built)) body = readFileSync(built, 'utf8');
    else if (existsSync(source)) body = transpile(source);
    else return undefined;
    this.scripts.set(name, body);
    return body;
  }
}

/** The dev fallback: one browser module compiled as `tsc -p src/admin/browser` would (type-checking is `npm run typecheck`'s). */
function transpile(source: string): string {
  const ts = createRequire(__filename)('typescript') as typeof TypeScript;
  const config = ts.readConfigFile(join(BROWSER_DIR, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, BROWSER_DIR);
  return ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: options, fileName: source }).outputText;
}
