/**
 * Jest transform for the ES-module-only packages we load (Nest 12): Jest's
 * CommonJS loader cannot `require` ES modules below Node 24.9, so they are
 * compiled to CommonJS here, `import.meta` included (which TypeScript's
 * CommonJS output would leave in place, a syntax error there).
 */
const { createHash } = require('node:crypto');
const ts = require('typescript');

const IMPORT_META = [
  [/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href'],
  [/\bimport\.meta\.dirname\b/g, '__dirname'],
  [/\bimport\.meta\.filename\b/g, '__filename'],
  [/\bimport\.meta\.resolve\(/g, 'require.resolve('],
];

module.exports = {
  getCacheKey(source, path) {
    return createHash('sha1').update('esm-to-cjs-1').update(ts.version).update(path).update(source).digest('hex');
  },
  process(source, path) {
    const code = IMPORT_META.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), source);
    const out = ts.transpileModule(code, {
      fileName: path,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: true },
    });
    return { code: out.outputText, map: out.sourceMapText };
  },
};
