/**
 * Duplicates and near-duplicates (issue 13 §3): what "Find similar" and the "Duplicates" view show.
 * The core finds them (library/similar.ts); these are the shapes both sides share.
 */
import type { Rating } from './generation.ts';

/** One image found alike: where it is, what to show, and how it is curated. */
export interface SimilarImage {
  generationId: number;
  index: number;
  /** The file and its thumbnail, relative to the library folder. */
  file: string;
  thumbnail: string | null;
  width: number | null;
  height: number | null;
  prompt: string;
  favorite: boolean;
  rating: Rating | null;
  rejected: boolean;
  /** Bits of the perceptual hash that differ from the image it was compared with (0 for the same picture). */
  distance: number;
  /** The same decoded pixels: an exact duplicate, whatever the file's format or metadata. */
  exact: boolean;
}

/** Images that are copies of one another: the same pixels (`exact`), or a resize, a re-encode, a small edit. */
export interface DuplicateGroup {
  exact: boolean;
  /** Oldest first: the first is usually the one to keep. */
  images: SimilarImage[];
}

/** The background hashing of images saved before duplicates were found: how far it is. */
export interface HashingProgress {
  done: number;
  /** Null until the images to hash are counted (off the core's thread). */
  total: number | null;
}

export interface DuplicatesView {
  groups: DuplicateGroup[];
  /** Some groups are left out past this many (the newest are shown). */
  truncated: boolean;
  /** Null when every image is hashed; else older images are still being compared. */
  hashing: HashingProgress | null;
}
