/**
 * How long each text an artist can type may be, and how much one request may ask for: the
 * contract's schemas refuse more (in words), and the form's inputs take no more (maxLength), from
 * these same numbers. Free of zod, so the window's start loads none (the schemas that use these
 * numbers load with the forms that check against them).
 */

/** Kinovi documents a cap of about 6,000 characters; longer prompts are cut or fail. */
export const PROMPT_MAX_LENGTH = 6000;
export const NEGATIVE_PROMPT_MAX_LENGTH = 1000;
/** Words, phrases and exclusions to find in the library: a few thousand is more than any search. */
export const SEARCH_TEXT_MAX_LENGTH = 2000;
/** A reference image or API address; browsers and servers commonly stop near 2,000 characters. */
export const URL_MAX_LENGTH = 2048;
export const API_KEY_MAX_LENGTH = 500;
/** A collection or saved-search name. */
export const NAME_MAX_LENGTH = 100;
export const TAG_MAX_LENGTH = 50;

/** How many changes Ctrl/Cmd+Z can take back (the curation issue asks for at least 50): the renderer's stack and the core's kept undos. */
export const UNDO_STEPS = 100;
/** At most this many generations per change: one selection's worth. */
export const CURATION_MAX_GENERATIONS = 10_000;
/** Images named one by one: what a request of the preview's size carries (256 KB), with room to spare. */
export const CURATION_MAX_IMAGES = 4_000;
/** Why an export of more picked images is refused: one ZIP or folder is one request (curation goes in parts instead). */
export const EXPORT_PICKS_LIMIT = `At most ${withThousands(CURATION_MAX_IMAGES)} picked images can be exported at once: export their generations or a search instead.`;

/** A converted export's quality unless the artist picks another. */
export const EXPORT_QUALITY_DEFAULT = 90;
/** The longest side a converted image may be given: past Midjourney's largest upscale, well inside what sharp encodes. */
export const EXPORT_MAX_SIDE_LIMIT = 16_384;

/**
 * "4,000": a whole number with its thousands marked as `toLocaleString('en-US')` marks them, without
 * Intl, for the limits' texts built as their modules load. This module is in the window's start
 * script, and a window's first use of Intl loads ICU's locale data (25-55 ms of the page's thread in
 * Chromium on these machines, measured): built with Intl, the export limit's words, shown only when
 * an export is refused, paid it at every start.
 */
export function withThousands(whole: number): string {
  return String(Math.trunc(whole)).replace(/\B(?=(\d{3})+$)/g, ',');
}
