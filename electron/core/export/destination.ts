import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/contract.ts';

function inside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Why an export cannot go where it was asked, in the artist's words; null when it can. The path
 * comes from the renderer, so it is held to what an export needs: absolute, outside the library,
 * a folder that exists or can be made, and a ZIP that does not overwrite anything.
 */
export function exportDestinationProblem(destination: ParsedInput<'export:start'>['destination'], dataDir: string): string | null {
  if (destination.kind === 'download') return null;
  const target = destination.kind === 'folder' ? destination.folder : destination.file;
  if (!path.isAbsolute(target)) return 'Choose a full path for the export (it starts at the top of a drive or at /).';
  if (inside(dataDir, target)) return 'An export cannot go inside the library folder: choose a folder outside it.';
  if (destination.kind === 'folder') {
    if (existsSync(target) && !statSync(target).isDirectory()) return 'That path is a file, not a folder: choose a folder for the export.';
    try {
      mkdirSync(target, { recursive: true });
    } catch {
      return 'Atelier cannot create that folder: choose another one.';
    }
    return null;
  }
  if (!/\.zip$/i.test(target)) return 'A ZIP export’s name ends in .zip.';
  if (existsSync(target)) return 'A file with that name is already there: choose another name, so nothing is overwritten.';
  const parent = path.dirname(target);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return 'The folder for that ZIP file does not exist.';
  return null;
}
