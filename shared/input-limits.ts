/**
 * How long each text an artist can type may be: the contract's schemas refuse more (in words),
 * and the form's inputs take no more (maxLength), from these same numbers.
 */

/** Kinovi documents a cap of about 6,000 characters; longer prompts are cut or fail. */
export const PROMPT_MAX_LENGTH = 6000;
export const NEGATIVE_PROMPT_MAX_LENGTH = 1000;
/** Words, phrases and exclusions to find in the library: a few thousand is more than any search. */
export const SEARCH_TEXT_MAX_LENGTH = 2000;
/** A reference image or API address; browsers and servers commonly stop near 2,000 characters. */
export const URL_MAX_LENGTH = 2048;
export const API_KEY_MAX_LENGTH = 500;
