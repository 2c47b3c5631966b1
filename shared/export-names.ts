/**
 * File names for exported images: built from a template the artist can change, and safe to create
 * on Windows, macOS and Linux alike (one rule for every exporter, so a name never differs by place).
 */

/** The default: date, first words of the prompt, seed and image number (1–4). */
export const DEFAULT_NAME_TEMPLATE = '{date}_{prompt}_{seed}_{index}';

/** What a template may mention. */
export interface NameFacts {
  /** Unix milliseconds the generation was created. */
  createdAt: number;
  prompt: string;
  seed: number | null;
  /** 0–3 as stored; written 1–4 as an artist counts. */
  index: number;
  generationId: number;
}

/** How many words of the prompt a name takes, and how long that part may get. */
const PROMPT_WORDS = 6;
const PROMPT_PART_MAX = 48;
/**
 * A stem stays under this many UTF-8 bytes: 255 bytes is the name limit on Linux and macOS, and
 * Windows counts the whole path toward 260 characters, so a short name leaves room for the folder.
 */
const STEM_MAX_BYTES = 100;

// Characters Windows refuses in a name, plus control characters everywhere.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Names Windows keeps for devices, with or without an extension (CON.png is still CON).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

function datePart(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function promptPart(prompt: string): string {
  const words = prompt
    .replace(/--\S+(\s+[^-\s]\S*)?/g, ' ') // flags are parameters, not words of the picture
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, PROMPT_WORDS)
    .join('-');
  return [...words].slice(0, PROMPT_PART_MAX).join('');
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character. */
function cutToBytes(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** Makes any text a safe file stem: no illegal characters, no reserved device name, no trailing dot or space, bounded. */
export function safeStem(text: string): string {
  let stem = text.normalize('NFC').replace(ILLEGAL, '-').replace(/\s+/g, ' ');
  stem = cutToBytes(stem, STEM_MAX_BYTES);
  // Windows drops trailing dots and spaces; a leading dot hides the file on macOS and Linux.
  stem = stem.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (stem === '') return 'image';
  if (RESERVED.test(stem.split('.')[0] ?? '')) return `_${stem}`;
  return stem;
}

/** The stem a template gives for one image (not yet unique). */
export function nameFromTemplate(template: string, facts: NameFacts): string {
  const values: Record<string, string> = {
    date: datePart(facts.createdAt),
    prompt: promptPart(facts.prompt),
    seed: facts.seed === null ? 'noseed' : String(facts.seed),
    index: String(facts.index + 1),
    generation: String(facts.generationId),
  };
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return safeStem(filled);
}

/**
 * Hands out names that never collide within one export, compared without case (Windows and macOS
 * treat "Fox.png" and "fox.png" as one file): a name already given gets "-2", "-3"…
 */
export function uniqueNames(): (stem: string, extension: string) => string {
  const taken = new Set<string>();
  return (stem, extension) => {
    let name = `${stem}.${extension}`;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem}-${n}.${extension}`;
    taken.add(name.toLowerCase());
    return name;
  };
}
