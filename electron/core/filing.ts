/**
 * Collection and tag changes as the core runs them: a selection of thousands is written in parts
 * (10,000 generations in one statement held the core's thread 150–260 ms), as one change from the
 * artist's view: the answer lists everything the whole change did (what its undo reverses), and a
 * part that fails puts back the parts before it.
 */
import type { ImageRef } from '../../shared/curation.ts';
import type { Library } from './library/database.ts';
import { fileImages, imagesMeant, unfileImages } from './library/collections.ts';
import { addTag, removeTag } from './library/tags.ts';
import { writeInParts } from './in-parts.ts';

// Generations per part, each about 10 ms of writing in a library of 200,000 generations (median
// measured on the 2-core dev machine: 500 filed in 8.6 ms, 1,000 tagged in 5.7 ms)
const COLLECTION_PART = 500;
const TAG_PART = 1500;

/** Files images and whole generations in a collection, in parts; answers the images that were not in it yet. */
export function fileInParts(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[]): Promise<ImageRef[]> {
  const now = Date.now();
  return writeInParts(
    imagesMeant(images, generationIds),
    COLLECTION_PART,
    (part) => fileImages(db, id, part, { now }),
    (added) => unfileImages(db, id, imagesMeant(added, []), { now, binnedToo: true }),
  );
}

/** Takes images and whole generations out of a collection, in parts; answers the images that were in it. */
export function unfileInParts(db: Library, id: number, images: readonly ImageRef[], generationIds: readonly number[]): Promise<ImageRef[]> {
  const now = Date.now();
  return writeInParts(
    imagesMeant(images, generationIds),
    COLLECTION_PART,
    (part) => unfileImages(db, id, part, { now }),
    (removed) => fileImages(db, id, imagesMeant(removed, []), { now, binnedToo: true }),
  );
}

/** Puts a tag on generations, in parts; answers the ids that did not carry it yet. */
export function tagInParts(db: Library, ids: readonly number[], name: string): Promise<number[]> {
  const now = Date.now();
  return writeInParts([...new Set(ids)], TAG_PART, (part) => addTag(db, part, name, now), (tagged) => removeTag(db, tagged, name));
}

/** Takes a tag off generations, in parts; answers the ids that carried it. */
export function untagInParts(db: Library, ids: readonly number[], name: string): Promise<number[]> {
  const now = Date.now();
  return writeInParts([...new Set(ids)], TAG_PART, (part) => removeTag(db, part, name), (untagged) => addTag(db, untagged, name, now));
}
