/** Tiles dragged onto a sidebar collection carry what they file, under a type of Atelier's own. */
import type { DragEvent } from 'react';
import type { FilingTarget } from './filing.ts';

const TYPE = 'application/x-atelier-filing';

export function setDragFiling(e: DragEvent, target: FilingTarget): void {
  e.dataTransfer.setData(TYPE, JSON.stringify(target));
  e.dataTransfer.effectAllowed = 'copy';
}

/** Whether a drag carries tiles (other drags, files from the desktop, pass by). */
export function carriesFiling(e: DragEvent): boolean {
  return e.dataTransfer.types.includes(TYPE);
}

/** The dropped tiles, or null for anything else (the page's own drags only, but read it as untrusted). */
export function dropFiling(e: DragEvent): FilingTarget | null {
  try {
    const value = JSON.parse(e.dataTransfer.getData(TYPE)) as Partial<FilingTarget>;
    if (!Array.isArray(value.images) || !Array.isArray(value.generationIds)) return null;
    // a selection of everything travels as its search; the core checks it like any request
    const everything = typeof value.everything === 'object' && value.everything !== null ? { everything: value.everything } : {};
    const selection = value.selection === true ? { selection: true as const } : {};
    return { images: value.images, generationIds: value.generationIds, ...everything, ...selection };
  } catch {
    return null;
  }
}
