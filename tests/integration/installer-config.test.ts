import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORE_JS_FLAGS_SWITCH } from '../../electron/core/desktop/core-v8-flags.ts';
import { root, toolEnv } from '../../scripts/lib/run.ts';
import { tempDir } from '../support/temp-dir.ts';

/** electron-builder's own reading of electron-builder.yml (the loader `npm run dist` uses). */
async function builderConfig(): Promise<Record<string, unknown>> {
  const require = createRequire(path.join(root, 'package.json'));
  const { getConfig } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(projectDir: string, configPath: null, fromOptions: null): Promise<Record<string, unknown>>;
  };
  return getConfig(root, null, null);
}

/** Runs electron-builder with the project's tools first on PATH; resolves with exit code and output. */
function electronBuilder(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('electron-builder', args, { cwd: root, env: toolEnv(), shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('installers', () => {
  const dir = tempDir('atelier-dist-');
  afterAll(() => dir.remove());

  it("refuses to pack a macOS app for an architecture whose sharp binary is not installed, before packing anything", async () => {
    const dist = path.join(dir.path, 'electron-dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(dist, 'electron'), 0o755);
    // npm installed sharp for this machine only: the other Mac architecture is never here.
    const arch = process.platform === 'darwin' && process.arch === 'x64' ? 'arm64' : 'x64';
    const out = path.join(dir.path, 'out');
    const { code, output } = await electronBuilder(['--mac', 'dir', `--${arch}`, `-c.electronDist=${dist}`, `-c.directories.output=${out}`]);
    expect(code, output).not.toBe(0);
    expect(output).toContain(`Not building the macOS ${arch} app: sharp's native part for it is not installed here`);
    expect(output).toContain(`@img/sharp-darwin-${arch}@`);
    expect(output).not.toMatch(/• packaging +platform=darwin/);
  });

  it('the Windows installer is per user: no "for all users" page, no elevation, the folder can be chosen', async () => {
    const nsis = (await builderConfig()).nsis as Record<string, unknown>;
    expect(nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, allowToChangeInstallationDirectory: true });
    // With an assisted installer electron-builder shows the install-mode page unless this macro forces a mode.
    const include = readFileSync(path.join(root, String(nsis.include)), 'utf8');
    expect(include).toMatch(/!macro customInstallMode\s+StrCpy \$isForceCurrentInstall "1"\s+!macroend/);
  });

  it("the Linux desktop entries pass the core's V8 flags and the AppImage's no --no-sandbox; every pack goes through the sharp check", async () => {
    const config = await builderConfig();
    expect((config.appImage as { executableArgs?: unknown }).executableArgs).toEqual([CORE_JS_FLAGS_SWITCH]);
    expect((config.linux as { executableArgs?: unknown }).executableArgs).toEqual([CORE_JS_FLAGS_SWITCH]);
    expect(config.beforePack).toBe('./scripts/check-sharp.ts');
  });
});
