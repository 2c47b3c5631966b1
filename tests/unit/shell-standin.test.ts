import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronModuleSource, readElectronExports, versionMismatch } from '../shell/standin/exports.ts';
import { metaCsp } from '../shell/standin/renderer.ts';
import { NotModelled, raw, strict, unmodelled } from '../shell/standin/strict.ts';
import { tempDir } from '../support/temp-dir.ts';

const lists = readElectronExports();
const dir = tempDir('atelier-standin-');
afterAll(() => dir.remove());

/** A project folder whose package.json pins `pinned` and whose node_modules has `installed`. */
function project(name: string, pinned: string, installed?: string): string {
  const root = path.join(dir.path, name);
  mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ devDependencies: { electron: pinned } }));
  if (installed) writeFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: installed }));
  return root;
}

describe('the stand-in Electron', () => {
  it('refuses to run when the pinned or installed Electron is not the one the lists describe', () => {
    expect(versionMismatch(lists, project('same', lists.electron, lists.electron))).toBeUndefined();
    expect(versionMismatch(lists, project('bumped', '46.0.0', '46.0.0'))).toMatch(/pins electron 46\.0\.0, but the export lists are for 45\.4\.1/);
    expect(versionMismatch(lists, project('stale', lists.electron, '44.2.0'))).toMatch(/node_modules has electron 44\.2\.0/);
  });

  it('generates a module with exactly the listed names as named exports', () => {
    const source = electronModuleSource(['app', 'BrowserWindow']);
    expect([...source.matchAll(/^export const (\w+)/gm)].map((match) => match[1])).toEqual(['app', 'BrowserWindow']);
    expect(source).toContain('export default electron;');
  });

  it('throws on what it does not model (harness-only members included), and lets probes through', () => {
    const app = strict({ getVersion: () => '1.0.0' }, 'app');
    expect(app.getVersion()).toBe('1.0.0');
    expect(() => (app as unknown as { dock: unknown }).dock).toThrow(NotModelled);
    expect(() => (app as unknown as { dock: unknown }).dock).toThrow('The stand-in Electron does not model app.dock');
    expect((app as unknown as { then: unknown }).then).toBeUndefined();
    const window = strict({ focus: () => undefined, closeForQuit: () => true }, 'BrowserWindow', ['closeForQuit']);
    expect(() => window.closeForQuit).toThrow('does not model BrowserWindow.closeForQuit');
    expect(raw(window).closeForQuit()).toBe(true);
    const tray = unmodelled('Tray') as { setToolTip?: unknown };
    expect(() => tray.setToolTip).toThrow('does not model electron.Tray');
  });

  it("reads a page's Content-Security-Policy meta tag", () => {
    const html = `<head><meta charset="utf-8"><meta\n http-equiv="Content-Security-Policy"\n content="default-src 'none'; img-src 'self'"></head>`;
    expect(metaCsp(html)).toBe("default-src 'none'; img-src 'self'");
    expect(metaCsp('<head></head>')).toBeUndefined();
  });
});
