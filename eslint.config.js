// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { folderBoundaries } from './eslint-rules/folder-boundaries.js';

/**
 * The architecture's boundaries, enforced: a forbidden import fails the lint (and so the tests).
 * `folders` says which parts of the project a part may import (judged by where an import lands);
 * `packages` which Node, Electron and npm modules it may not.
 */
const boundaries = {
  shared: {
    folders: { forbiddenFolders: ['electron', 'renderer'], message: 'shared/ is pure: it imports neither the main side nor the renderer.' },
    packages: { patterns: [{ group: ['node:*', 'electron'], message: 'shared/ runs in both runtimes: no Node or Electron modules.' }] },
  },
  renderer: {
    folders: { forbiddenFolders: ['electron'], message: 'The renderer reaches the main process only through the typed API (renderer/src/api.ts).' },
    packages: {
      patterns: [
        { group: ['node:*', 'electron'], message: 'The renderer is a sandboxed web page: no Node or Electron modules.' },
        {
          // tests/unit/renderer-start-bundle.test.ts proves the start's bundle holds no zod, this says where it came from
          group: ['**/shared/params.ts', '**/shared/search.ts', '**/shared/contract.ts', '**/shared/bulk.ts', '**/shared/curation.ts', '**/shared/image-curation.ts', '**/shared/export-picture.ts'],
          allowTypeImports: true,
          message: "These build zod schemas, which the window's start does not load: take types from them, values from a zod-free module (input-limits.ts, effective-params.ts...); the form's check is renderer/src/lib/draft-check.ts.",
        },
      ],
    },
  },
  core: {
    folders: {
      forbiddenFolders: ['electron/main', 'electron/preview'],
      message: 'electron/core is the brain both shells drive: it never imports electron/main or electron/preview.',
    },
  },
  main: {
    folders: { forbiddenFolders: ['renderer'], message: 'The main process talks to the renderer only over IPC: it never imports renderer/.' },
  },
  preload: {
    folders: {
      allowedFolders: ['electron/preload', 'shared'],
      allowedPackages: ['electron'],
      message: 'The preload runs in a sandboxed window, bundled: it may import only electron and shared/.',
    },
  },
  plainNode: {
    packages: { patterns: [{ group: ['electron'], message: 'electron/core and electron/preview run in plain Node: never import electron.' }] },
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
    plugins: { atelier: { rules: { 'folder-boundaries': folderBoundaries } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'atelier/folder-boundaries': ['error', boundaries.shared.folders],
      'no-restricted-imports': ['error', { ...boundaries.shared.packages, ...bareBuiltins }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'atelier/folder-boundaries': ['error', boundaries.renderer.folders],
      'no-restricted-imports': ['error', { ...boundaries.renderer.packages, ...bareBuiltins }],
    },
  },
  {
    // loaded after the window's first paint (lib/draft-checker.ts): the one renderer file that checks with a zod schema
    files: ['renderer/src/lib/draft-check.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [boundaries.renderer.packages.patterns[0]], ...bareBuiltins }] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'atelier/folder-boundaries': ['error', boundaries.core.folders] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/preview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaries.plainNode.packages] },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'atelier/folder-boundaries': ['error', boundaries.main.folders] },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'atelier/folder-boundaries': ['error', boundaries.preload.folders] },
  },
);
