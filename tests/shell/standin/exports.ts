/**
 * The pinned Electron's export lists (electron-exports.json) and what is derived from them: the
 * version check, the comparison with the installed typings, and the generated `electron` module.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ElectronExports {
  electron: string;
  main: string[];
  sandboxedPreload: { electron: string[]; require: string[] };
  typings: { mainOnlyInTypings: string[]; mainOnlyAtRunTime: string[] };
}

const listFile = path.join(import.meta.dirname, '..', 'electron-exports.json');
const projectRoot = path.resolve(import.meta.dirname, '../../..');

/** The lists as recorded in the repository. */
export function readElectronExports(): ElectronExports {
  return JSON.parse(readFileSync(listFile, 'utf8')) as ElectronExports;
}

/**
 * Why the harness must not run, or undefined: the lists describe one Electron version, and both the
 * pin in package.json and the installed electron package must be that version.
 */
export function versionMismatch(lists: ElectronExports, root = projectRoot): string | undefined {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const pinned = pkg.devDependencies?.electron;
  const installedFile = path.join(root, 'node_modules', 'electron', 'package.json');
  const installed = existsSync(installedFile) ? (JSON.parse(readFileSync(installedFile, 'utf8')) as { version: string }).version : undefined;
  const refresh = 'refresh tests/shell/electron-exports.json as tests/shell/README.md says';
  if (pinned !== lists.electron) return `package.json pins electron ${pinned ?? '(none)'}, but the export lists are for ${lists.electron}: ${refresh}.`;
  if (installed !== undefined && installed !== lists.electron) {
    return `node_modules has electron ${installed}, but the export lists are for ${lists.electron}: run npm ci, or ${refresh}.`;
  }
  return undefined;
}

/** Value exports (`const`/`class`) of one namespace of electron.d.ts. */
function typingsNamespace(source: string, name: string): string[] {
  const start = source.indexOf(`  namespace ${name} {\n`);
  if (start < 0) return [];
  const end = source.indexOf('\n  }\n', start);
  const body = source.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/^ {4}(?:const|class) (\w+)/gm)].map((match) => match[1] ?? '');
}

/** How the lists and the installed typings differ for the main process (both directions, sorted). */
export function typingsDifference(lists: ElectronExports, root = projectRoot): { onlyInTypings: string[]; onlyAtRunTime: string[] } | undefined {
  const file = path.join(root, 'node_modules', 'electron', 'electron.d.ts');
  if (!existsSync(file)) return undefined;
  const source = readFileSync(file, 'utf8');
  const typed = new Set([...typingsNamespace(source, 'Main'), ...typingsNamespace(source, 'Common')]);
  const runtime = new Set(lists.main);
  return {
    onlyInTypings: [...typed].filter((name) => !runtime.has(name)).sort(),
    onlyAtRunTime: [...runtime].filter((name) => !typed.has(name)).sort(),
  };
}

/** The global slot where the child puts the stand-in's module object before the app is imported. */
export const STANDIN_SLOT = 'atelier.standin.electron';

/**
 * Source of the `electron` ES module the app imports: exactly the listed names as named exports,
 * so any other name fails at link time with Node's own error, as in Electron's ESM loader.
 */
export function electronModuleSource(names: readonly string[]): string {
  const lines = [`const electron = globalThis[Symbol.for(${JSON.stringify(STANDIN_SLOT)})];`];
  for (const name of names) lines.push(`export const ${name} = electron[${JSON.stringify(name)}];`);
  lines.push('export default electron;');
  return lines.join('\n');
}
