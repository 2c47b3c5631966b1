/**
 * electron-builder's beforePack hook (electron-builder.yml): refuses to pack an app for a platform
 * and architecture whose sharp binary is not installed (scripts/lib/sharp-binaries.ts decides).
 * electron-builder calls it once per platform and architecture, whatever the command line asked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Arch, type AfterPackContext } from 'electron-builder';
import { sharpRefusal } from './lib/sharp-binaries.ts';

/** A package's installed version in `projectDir`, or undefined when it is not there. */
function installedVersion(projectDir: string, name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(projectDir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The hook: throws (electron-builder stops and prints it) when this target must not be packed. */
// electron-builder's BeforePackContext is the same type as the AfterPackContext it exports.
export default function beforePack(context: AfterPackContext): void {
  const projectDir = context.packager.projectDir;
  const sharp = JSON.parse(readFileSync(path.join(projectDir, 'node_modules', 'sharp', 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
  const target = { platform: context.electronPlatformName, arch: Arch[context.arch] ?? String(context.arch) };
  const refusal = sharpRefusal(target, sharp.optionalDependencies ?? {}, (name) => installedVersion(projectDir, name), process);
  if (refusal) throw new Error(refusal);
}
