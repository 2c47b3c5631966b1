/** What "Add to collection" acts on: single images and whole generations (their four images). */
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import type { ImageRef } from '../../../shared/curation.ts';

export interface FilingTarget {
  images: ImageRef[];
  generationIds: number[];
  /** After Ctrl/Cmd+A: everything the search matches (then the ids are only the loaded ones). */
  everything?: QuerySelectionInput;
  /** The gallery's selection: its collapsed stacks stand for all their members (`spreadFiling` adds them). */
  selection?: true;
}

/** `in:"Name"`: the query that shows one collection (names never hold a double quote). */
export const collectionQuery = (name: string) => `in:"${name}"`;
