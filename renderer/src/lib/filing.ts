/** What "Add to collection" acts on: single images and whole generations (their four images). */
import type { ImageRef } from '../../../shared/curation.ts';

export interface FilingTarget {
  images: ImageRef[];
  generationIds: number[];
}

/** `in:"Name"`: the query that shows one collection (names never hold a double quote). */
export const collectionQuery = (name: string) => `in:"${name}"`;
