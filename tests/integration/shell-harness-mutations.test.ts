/**
 * The shell harness can fail: a copy of the built app, broken in one way Electron would not
 * forgive, must make `tests/shell/run.ts --app <copy>` exit non-zero, naming the problem. An
 * unbroken copy passes, so each failure is the mutation's.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsStale } from '../../scripts/lib/build.ts';
import { root, run, toolEnv } from '../../scripts/lib/run.ts';
import { tempDir } from '../support/temp-dir.ts';

interface Files {
  main: string;
  preload: string;
}

const dirs: { remove(): void }[] = [];

/** A copy of the built app (out/ and package.json, node_modules linked), with `mutate` applied to its text if given. */
function appCopy(mutate?: (files: Files) => Files): string {
  const dir = tempDir('atelier-mutant-');
  dirs.push(dir);
  cpSync(path.join(root, 'out'), path.join(dir.path, 'out'), { recursive: true });
  cpSync(path.join(root, 'package.json'), path.join(dir.path, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir.path, 'node_modules'), 'dir');
  const mainFile = path.join(dir.path, 'out', 'main', 'index.js');
  const preloadFile = path.join(dir.path, 'out', 'preload', 'index.cjs');
  const before = { main: readFileSync(mainFile, 'utf8'), preload: readFileSync(preloadFile, 'utf8') };
  const after = mutate ? mutate(before) : before;
  if (mutate && after.main === before.main && after.preload === before.preload) throw new Error('the mutation changed nothing');
  writeFileSync(mainFile, after.main);
  writeFileSync(preloadFile, after.preload);
  return dir.path;
}

/** Runs the harness's start-up scenario against `appDir`; resolves with its exit code and output. */
function harness(appDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tests/shell/run.ts', '--app', appDir, '--only', 'start-up'], { cwd: root, env: toolEnv() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Replaces `from` (which must occur) in `text`. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`mutation target not found: ${String(from)}`);
  return next;
}

describe('the shell harness fails on a broken bundle', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    if (buildIsStale()) expect(await run('electron-vite', ['build', '--logLevel', 'warn'])).toBe(0);
  }, 180_000);
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  it('passes on an unbroken copy (so each failure below is its mutation)', async () => {
    const { code, output } = await harness(appCopy());
    expect(output).toMatch(/\b0 failed\b/);
    expect(code, output).toBe(0);
  });

  it('fails on an import the pinned Electron does not export', async () => {
    const appDir = appCopy((files) => ({ ...files, main: replaceOnce(files.main, /import \{ BrowserWindow,/, 'import { WebSocket, BrowserWindow,') }));
    const { code, output } = await harness(appDir);
    expect(code).toBe(1);
    expect(output).toContain("The requested module 'electron' does not provide an export named 'WebSocket'");
  });

  it('fails on a preload that requires a Node module', async () => {
    const appDir = appCopy((files) => ({ ...files, preload: `require("fs");\n${files.preload}` }));
    const { code, output } = await harness(appDir);
    expect(code).toBe(1);
    expect(output).toContain('module not found: fs');
  });

  it('fails on protocol.handle before the app is ready', async () => {
    const appDir = appCopy((files) => ({
      ...files,
      main: replaceOnce(files.main, /^(import \{ BrowserWindow,[^\n]*\n)/m, '$1protocol.handle("atelier-probe", () => new Response(null));\n'),
    }));
    const { code, output } = await harness(appDir);
    expect(code).toBe(1);
    expect(output).toContain('Session can only be received when app is ready');
  });

  it('fails when a channel of the contract has no handler', async () => {
    const appDir = appCopy((files) => ({ ...files, main: replaceOnce(files.main, /^\t"library:stats": channel\(\)\(nothing\),\n/m, '') }));
    const { code, output } = await harness(appDir);
    expect(code).toBe(1);
    expect(output).toContain("'library:stats'");
  });
});
