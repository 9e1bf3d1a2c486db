/** Two projects: fast unit specs beside the code, and end-to-end suites that start the real app. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
/**
 * Nest 12 ships as ES modules only. Node loads them from our CommonJS build
 * (require(esm), Node >= 20.19), but Jest's own module loader does so only on
 * Node >= 24.9; below that it needs them compiled to CommonJS, once (cached).
 */
const ESM_ONLY = ['@nestjs'];
const esmToCjs = '<rootDir>/test/support/esm-to-cjs.transformer.js';
const shared = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': tsJest, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: esmToCjs },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/src', '<rootDir>/test/conformance'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
    },
  ],
};
