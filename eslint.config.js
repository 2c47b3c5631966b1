// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The architecture's boundaries, enforced: a forbidden import fails the lint (and so the tests). */
const boundaries = {
  shared: {
    patterns: [
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is pure: it imports neither the main side nor the renderer.' },
      { group: ['node:*', 'electron'], message: 'shared/ runs in both runtimes: no Node or Electron modules.' },
    ],
  },
  renderer: {
    patterns: [
      { group: ['**/electron/**'], message: 'The renderer reaches the main process only through the typed API (renderer/src/api.ts).' },
      { group: ['node:*', 'electron'], message: 'The renderer is a sandboxed web page: no Node or Electron modules.' },
    ],
  },
  plainNode: {
    patterns: [{ group: ['electron'], message: 'electron/core and electron/preview run in plain Node: never import electron.' }],
  },
};
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'stream', 'util', 'events', 'buffer', 'zlib', 'worker_threads'];
const bareBuiltins = { paths: nodeBuiltins.map((name) => ({ name, message: 'Not available here (see the boundary rules).' })) };

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...boundaries.shared, ...bareBuiltins }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { ...boundaries.renderer, ...bareBuiltins }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/preview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaries.plainNode] },
  },
);
