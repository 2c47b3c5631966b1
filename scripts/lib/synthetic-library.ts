import type Database from 'better-sqlite3';
import { aspectRatios, models } from '../../shared/generation.ts';
import { randomFrom } from '../../electron/core/sandbox/render.ts';
import { stackKey } from '../../electron/core/library/stacks.ts';
import { THUMBNAIL_EXTENSION } from '../../electron/core/media/layout.ts';

/**
 * A made-up but lifelike library for the benchmarks and the search-correctness test: prompts shaped
 * like real Midjourney prompts (a subject, then comma-separated style, light and detail phrases,
 * 20-400 characters, some ending in --flags), drawn from art vocabulary with a skewed word frequency
 * (a few words everywhere, many rare), batches of four sharing a timestamp; where the schema has
 * them, rated and rejected images, tags, two collections and simulated (Sandbox) generations.
 */
const subjects = `portrait landscape castle forest city street cat dragon astronaut robot lighthouse garden ocean mountain
desert village temple bridge train ship warrior princess wizard knight fox owl wolf deer horse whale koi tiger
samurai geisha dancer musician chef farmer child elder crowd market cafe library cathedral ruins tower harbor
island volcano glacier canyon waterfall meadow orchard vineyard alley rooftop subway station factory greenhouse
axolotl pangolin narwhal chimera golem sphinx kraken phoenix griffin unicorn mermaid cyborg android mech spaceship`.split(/\s+/);
const adjectives = `ancient abandoned lonely tiny giant ornate weathered glowing misty sunlit overgrown floating crystal
forgotten majestic elderly young sleepy curious fierce gentle mechanical haunted sacred frozen burning hidden`.split(/\s+/);
const styles = `watercolor, oil painting, ink sketch, charcoal, pastel, gouache, linocut, woodblock print, engraving, lithograph,
fresco, photograph, cinematic, analog film, polaroid, daguerreotype, isometric, pixel art, vaporwave, synthwave, cyberpunk,
steampunk, solarpunk, art nouveau, art deco, baroque, rococo, impressionist, expressionist, cubist, surrealist, minimalist,
brutalist, ukiyo-e, manga, anime, comic book, film noir, gothic, ethereal, whimsical, moody, dreamy, gritty, serene, vibrant,
muted, neon, holographic`.split(/,\s*/);
const lighting = `golden hour, blue hour, volumetric light, rim light, backlit, chiaroscuro, soft light, harsh light, candlelight,
moonlight, sunset, sunrise, overcast, fog, mist, haze, rain, snow, storm, lightning, bioluminescent glow, neon lights,
studio lighting, dramatic shadows, lens flare, bokeh`.split(/,\s*/);
const phrases = [
  'highly detailed', 'intricate details', 'octane render', 'unreal engine', '8k', 'wide angle', 'macro shot', 'telephoto lens',
  'tilt-shift', 'aerial view', 'close-up', 'full body', 'symmetrical composition', 'rule of thirds', 'pastel palette',
  'monochrome', 'sepia tones', 'duotone', 'teal and orange', 'by the sea', 'in the rain', 'at night', 'under the stars',
  'in autumn', 'in winter', 'in spring', 'in summer', 'shot on 35mm film', 'kodak portra 400', 'shallow depth of field',
  'trending on artstation', 'award winning photograph', 'muted colors', 'soft focus', 'grainy texture', 'sharp focus',
  'editorial photography', 'concept art', 'matte painting', 'children book illustration', 'storybook style', 'flat colors',
  'thick brush strokes', 'gold leaf accents', 'stained glass', 'paper cutout', 'clay render', 'low poly', 'double exposure',
];
const negatives = ['blurry', 'text', 'watermark', 'low quality', 'extra fingers', 'deformed', 'signature', 'frame', 'people', 'cars'];

/** A small deterministic random source (the Sandbox's), so every run builds the same library. */
export const randomSource = randomFrom;

// Zipf-like: index k picked with weight 1/(k+1), so early words are common and late words rare
function skewed<T>(list: readonly T[], random: () => number): T {
  const index = Math.min(list.length - 1, Math.floor(Math.exp(random() * Math.log(list.length + 1))) - 1);
  return list[index] as T;
}

function sample<T>(list: readonly T[], random: () => number, count: number): T[] {
  return Array.from({ length: count }, () => skewed(list, random));
}

export interface SyntheticRow {
  model: string;
  /** As typed: may end in --flags. */
  prompt: string;
  /** What the server used: the prompt without its flags (what search reads). */
  effectivePrompt: string;
  aspectRatio: string;
  stylize: number | null;
  chaos: number | null;
  weird: number | null;
  negativePrompt: string | null;
  seed: number;
  favorite: number;
  status: string;
  createdAt: number;
}

const MIN_PROMPT = 20;
const MAX_PROMPT = 400;

/** A prompt of a length drawn between 20 and 400 characters, most of them 60-250, as artists write them. */
function promptText(random: () => number): string {
  const target = MIN_PROMPT + Math.floor((MAX_PROMPT - MIN_PROMPT) * random() ** 1.6);
  const subject = sample(subjects, random, 1 + Math.floor(random() * 2)).join(' and ');
  const adjective = random() < 0.6 ? `${skewed(adjectives, random)} ` : '';
  let text = `${random() < 0.5 ? 'a ' : ''}${adjective}${subject}`;
  // a fragment already used is drawn again, a few times at most, as real prompts rarely repeat one
  for (let draws = 0; text.length < target && draws < 80; draws += 1) {
    const kind = random();
    const next =
      kind < 0.35 ? skewed(styles, random)
      : kind < 0.55 ? skewed(lighting, random)
      : kind < 0.92 ? skewed(phrases, random)
      : `${skewed(subjects, random)} in the background`;
    if (text.length + 2 + next.length > MAX_PROMPT) break;
    if (!text.includes(next)) text += `, ${next}`;
  }
  return text;
}

/** One generation's parameters, the i-th of the synthetic library. */
export function syntheticRow(i: number, random: () => number, start: number): SyntheticRow {
  const effectivePrompt = promptText(random);
  const model = models[Math.floor(random() * random() * models.length)] as string;
  const aspectRatio = aspectRatios[Math.floor(random() * random() * aspectRatios.length)] as string;
  const stylize = random() < 0.5 ? Math.round(random() * 1000) : null;
  const chaos = random() < 0.3 ? Math.round(random() * 100) : null;
  const weird = random() < 0.1 ? Math.round(random() * 3000) : null;
  const negativePrompt = random() < 0.3 ? sample(negatives, random, 1 + Math.floor(random() * 2)).join(', ') : null;
  // about a third of the prompts carry their settings as flags, as pasted from Midjourney
  const flags = random() < 0.35
    ? [
        aspectRatio !== '1:1' ? `--ar ${aspectRatio}` : '',
        stylize !== null ? `--stylize ${stylize}` : '',
        chaos !== null ? `--chaos ${chaos}` : '',
        negativePrompt !== null ? `--no ${negativePrompt}` : '',
      ].filter((flag) => flag !== '')
    : [];
  const withFlags = [effectivePrompt, ...flags].join(' ');
  return {
    model,
    prompt: withFlags.length <= MAX_PROMPT ? withFlags : effectivePrompt,
    effectivePrompt,
    aspectRatio,
    stylize,
    chaos,
    weird,
    negativePrompt,
    seed: Math.floor(random() * 4_294_967_295),
    favorite: random() < 0.05 ? 1 : 0,
    status: random() < 0.97 ? 'done' : 'failed',
    // batches of four share a millisecond, as a queue burst would; about a generation a minute
    createdAt: start + Math.floor(i / 4) * 240_000,
  };
}

/** The tags the synthetic library files generations under, the first the most common (skewed). */
/** Where a synthetic image's thumbnail is named, in the format the app makes them (bench-ui writes the newest ones). */
export function syntheticThumbnail(id: number, index: number): string {
  return `thumbnails/${id}-${index}.${THUMBNAIL_EXTENSION}`;
}

/** Where a synthetic generation's grid thumbnail is named (bench-ui makes the newest ones). */
export function syntheticGrid(id: number): string {
  return `thumbnails/${id}-grid.${THUMBNAIL_EXTENSION}`;
}

export const syntheticTags = ['keeper', 'client', 'portfolio', 'series a', 'wip', 'reference', 'archive', 'print'] as const;
/** Its collections: one holding about 3 % of the generations, one about 0.3 %. */
export const syntheticCollections = ['Moodboard', 'Client picks'] as const;

const hasColumn = (db: Database.Database, table: string, column: string) =>
  (db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) as unknown) !== undefined;

/**
 * Inserts `count` generations and four image rows each, in transactions of 5,000. With `curation`
 * (the benchmarks' prepared libraries) it also rates, rejects, tags, files and marks simulated work,
 * where the schema has those, and makes about 5 % of the runs reruns of a recent one (same settings
 * and seed: they stack, migration 12); the test fixtures leave it off so their counts stay as they are.
 */
export function buildSyntheticLibrary(db: Database.Database, count: number, start: number, { curation: curated = false }: { curation?: boolean } = {}): void {
  const random = randomSource(2026);
  // curation draws from its own source, so the rows themselves stay the same at every schema version
  const curation = randomSource(2027);
  // from migration 12 each row carries its stack key, as the app writes it
  const keyed = hasColumn(db, 'generations', 'stack_key');
  const insertGeneration = db.prepare(
    `INSERT INTO generations (model, prompt, aspect_ratio, stylize, chaos, weird, negative_prompt, seed,
       effective_model, effective_prompt, effective_aspect_ratio, effective_stylize, effective_chaos, effective_weird,
       effective_negative_prompt, effective_seed, request_body, status, credits, favorite, created_at, updated_at,
       submitted_at, completed_at${keyed ? ', stack_key' : ''})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${keyed ? ', ?' : ''})`,
  );
  const recent: SyntheticRow[] = [];
  // libraries made at a version before per-image curation (migration 8) keep the favourite on the generation only
  // (and so, at those versions, no ratings or rejects either; the summary triggers derive best_rating and the rest)
  const imageCuration = hasColumn(db, 'images', 'favorite');
  const insertImage = db.prepare(
    imageCuration
      ? `INSERT INTO images (generation_id, idx, file, thumbnail, width, height, bytes, sha256, remote_url, state, favorite, rating, rejected)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)`
      : `INSERT INTO images (generation_id, idx, file, thumbnail, width, height, bytes, sha256, remote_url, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'done')`,
  );
  // tags and collections from migration 9, sources from migration 10
  const tagIds = curated && hasColumn(db, 'tags', 'name') ? syntheticTags.map((name) => rowId(db, 'INSERT INTO tags (name, created_at) VALUES (?, ?)', name, start)) : [];
  const collectionIds = curated && hasColumn(db, 'collections', 'name')
    ? syntheticCollections.map((name) => rowId(db, 'INSERT INTO collections (name, created_at) VALUES (?, ?)', name, start))
    : [];
  const tag = tagIds.length > 0 ? db.prepare('INSERT OR IGNORE INTO generation_tags (tag_id, generation_id, added_at) VALUES (?, ?, ?)') : null;
  const file = collectionIds.length > 0 ? db.prepare('INSERT INTO collection_members (collection_id, generation_id, images, added_at) VALUES (?, ?, ?, ?)') : null;
  const simulated = curated && hasColumn(db, 'generations', 'source') ? db.prepare("UPDATE generations SET source = 'sandbox', credits = 0 WHERE id = ?") : null;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const drawn = syntheticRow(i, random, start);
      // a rerun: a recent run's settings and seed again, made now
      const rerunOf = curated && recent.length > 0 && curation() < 0.05 ? recent[Math.floor(curation() * recent.length)] : undefined;
      const r = rerunOf === undefined ? drawn : { ...rerunOf, status: drawn.status, favorite: drawn.favorite, createdAt: drawn.createdAt };
      if (curated) {
        recent.push(r);
        if (recent.length > 20) recent.shift();
      }
      const key = keyed
        ? [stackKey({ model: r.model, prompt: r.effectivePrompt, negativePrompt: r.negativePrompt, aspectRatio: r.aspectRatio, stylize: r.stylize,
            chaos: r.chaos, weird: r.weird, quality: null, raw: false, seed: r.seed, referenceImageUrl: null })]
        : [];
      const body = JSON.stringify({ model: r.model, input: { prompt: r.prompt, aspect_ratio: r.aspectRatio, seed: r.seed, no: r.negativePrompt } });
      const credits = r.status === 'done' ? 12 : 0;
      const id = Number(
        insertGeneration.run(
          r.model, r.prompt, r.aspectRatio, r.stylize, r.chaos, r.weird, r.negativePrompt, r.seed,
          r.model, r.effectivePrompt, r.aspectRatio, r.stylize, r.chaos, r.weird, r.negativePrompt, r.seed,
          body, r.status, credits, r.favorite, r.createdAt, r.createdAt + 60_000, r.createdAt + 1_000, r.createdAt + 60_000, ...key,
        ).lastInsertRowid,
      );
      // about 1 % culled whole, as after a bad run; otherwise each image rated 8 % and rejected 6 % of the time
      const allRejected = curated && curation() < 0.01;
      for (let idx = 0; idx < 4; idx += 1) {
        const rating = curated && curation() < 0.08 ? 1 + Math.floor(curation() * 5) : null;
        const rejected = allRejected || (curated && curation() < 0.06) ? 1 : 0;
        insertImage.run(
          id, idx, `images/${id}-${idx}.png`, syntheticThumbnail(id, idx), 1024, 1024, 1_500_000 + idx,
          (id * 4 + idx).toString(16).padStart(64, '0'), `https://cdn.example.com/${id}/${idx}.png`,
          // a favourite generation is one whose images are favourites (the summary is derived from them)
          ...(imageCuration ? [r.favorite, rating, rejected] : []),
        );
      }
      // about 15 % tagged, a few twice; "keeper" the most common, "print" rare
      for (let tags = curation() < 0.15 ? (curation() < 0.2 ? 2 : 1) : 0; tags > 0; tags -= 1) tag?.run(skewed(tagIds, curation), id, r.createdAt);
      const [moodboard, clientPicks] = collectionIds;
      if (moodboard !== undefined && curation() < 0.03) file?.run(moodboard, id, 1 + Math.floor(curation() * 15), r.createdAt);
      if (clientPicks !== undefined && curation() < 0.003) file?.run(clientPicks, id, 1 + Math.floor(curation() * 15), r.createdAt);
      if (simulated !== null && curation() < 0.1) simulated.run(id);
    }
  });
  for (let from = 0; from < count; from += 5000) batch(from, Math.min(count, from + 5000));
}

function rowId(db: Database.Database, sql: string, ...values: unknown[]): number {
  return Number(db.prepare(sql).run(...values).lastInsertRowid);
}
