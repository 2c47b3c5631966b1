import type Database from 'better-sqlite3';
import { aspectRatios, models } from '../../shared/generation.ts';
import { randomFrom } from '../../electron/core/sandbox/render.ts';

/**
 * A made-up but lifelike library for the benchmark: prompts drawn from art vocabulary with a
 * skewed word frequency (a few words everywhere, many rare), batches of four sharing a timestamp.
 */
const subjects = `portrait landscape castle forest city street cat dragon astronaut robot lighthouse garden ocean mountain
desert village temple bridge train ship warrior princess wizard knight fox owl wolf deer horse whale koi tiger
samurai geisha dancer musician chef farmer child elder crowd market cafe library cathedral ruins tower harbor
island volcano glacier canyon waterfall meadow orchard vineyard alley rooftop subway station factory greenhouse
axolotl pangolin narwhal chimera golem sphinx kraken phoenix griffin unicorn mermaid cyborg android mech spaceship`.split(/\s+/);
const styles = `watercolor oil painting ink sketch charcoal pastel gouache linocut woodblock engraving lithograph fresco
photograph cinematic analog film polaroid daguerreotype isometric pixel art vaporwave synthwave cyberpunk steampunk
solarpunk art nouveau art deco baroque rococo impressionist expressionist cubist surrealist minimalist brutalist
ukiyo-e manga anime comic noir gothic ethereal whimsical moody dreamy gritty serene vibrant muted neon holographic`.split(/\s+/);
const lighting = `golden hour blue hour volumetric light rim light backlit chiaroscuro soft light harsh light candlelight
moonlight sunset sunrise overcast fog mist haze rain snow storm lightning bioluminescent glow neon lights
studio lighting dramatic shadows lens flare bokeh`.split(/\s+/);
const extras = `highly detailed intricate octane render unreal engine 8k wide angle macro telephoto tilt-shift aerial view
close-up full body symmetrical rule of thirds pastel palette monochrome sepia duotone teal and orange
by the sea in the rain at night under the stars in autumn in winter in spring in summer`.split(/\s+/);
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
  prompt: string;
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

/** One generation's parameters, the i-th of the synthetic library. */
export function syntheticRow(i: number, random: () => number, start: number): SyntheticRow {
  const words = [
    ...sample(subjects, random, 1 + Math.floor(random() * 2)),
    ...sample(styles, random, 1 + Math.floor(random() * 3)),
    ...sample(lighting, random, Math.floor(random() * 3)),
    ...sample(extras, random, Math.floor(random() * 4)),
  ];
  return {
    model: models[Math.floor(random() * random() * models.length)] as string,
    prompt: words.join(' '),
    aspectRatio: aspectRatios[Math.floor(random() * random() * aspectRatios.length)] as string,
    stylize: random() < 0.5 ? Math.round(random() * 1000) : null,
    chaos: random() < 0.3 ? Math.round(random() * 100) : null,
    weird: random() < 0.1 ? Math.round(random() * 3000) : null,
    negativePrompt: random() < 0.3 ? sample(negatives, random, 1 + Math.floor(random() * 2)).join(', ') : null,
    seed: Math.floor(random() * 4_294_967_295),
    favorite: random() < 0.05 ? 1 : 0,
    status: random() < 0.97 ? 'done' : 'failed',
    // batches of four share a millisecond, as a queue burst would; about a generation a minute
    createdAt: start + Math.floor(i / 4) * 240_000,
  };
}

/** Inserts `count` generations and four image rows each, in transactions of 5,000. */
export function buildSyntheticLibrary(db: Database.Database, count: number, start: number): void {
  const random = randomSource(2026);
  const insertGeneration = db.prepare(
    `INSERT INTO generations (model, prompt, aspect_ratio, stylize, chaos, weird, negative_prompt, seed,
       effective_model, effective_prompt, effective_aspect_ratio, effective_stylize, effective_chaos, effective_weird,
       effective_negative_prompt, effective_seed, request_body, status, credits, favorite, created_at, updated_at,
       submitted_at, completed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertImage = db.prepare(
    `INSERT INTO images (generation_id, idx, file, thumbnail, width, height, bytes, sha256, remote_url, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'done')`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const r = syntheticRow(i, random, start);
      const body = JSON.stringify({ model: r.model, input: { prompt: r.prompt, aspect_ratio: r.aspectRatio, seed: r.seed, no: r.negativePrompt } });
      const credits = r.status === 'done' ? 12 : 0;
      const id = Number(
        insertGeneration.run(
          r.model, r.prompt, r.aspectRatio, r.stylize, r.chaos, r.weird, r.negativePrompt, r.seed,
          r.model, r.prompt, r.aspectRatio, r.stylize, r.chaos, r.weird, r.negativePrompt, r.seed,
          body, r.status, credits, r.favorite, r.createdAt, r.createdAt + 60_000, r.createdAt + 1_000, r.createdAt + 60_000,
        ).lastInsertRowid,
      );
      for (let idx = 0; idx < 4; idx += 1) {
        insertImage.run(
          id, idx, `images/${id}-${idx}.png`, `thumbnails/${id}-${idx}.webp`, 1024, 1024, 1_500_000 + idx,
          (id * 4 + idx).toString(16).padStart(64, '0'), `https://cdn.example.com/${id}/${idx}.png`,
        );
      }
    }
  });
  for (let from = 0; from < count; from += 5000) batch(from, Math.min(count, from + 5000));
}
