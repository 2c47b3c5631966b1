/** Small formatting helpers shared by the panels; words and numbers as an artist reads them. */
import { CREDITS_PER_RUN, DOLLARS_PER_CREDIT, modelNames } from '../../../shared/generation.ts';

export { modelNames };

/** A model's short name; an imported generation's model Atelier cannot run (v6.1, "unknown") is shown as it was kept. */
export function modelName(model: string): string {
  return (modelNames as Record<string, string>)[model] ?? model.replace(/^midjourney-/, '');
}

/** "12 credits · $0.06" for one run, "8 runs · 96 credits · $0.48" for more. */
export function runCost(runs = 1): string {
  const credits = CREDITS_PER_RUN * runs;
  const cost = `${credits} credits · $${(credits * DOLLARS_PER_CREDIT).toFixed(2)}`;
  return runs === 1 ? cost : `${runs} runs · ${cost}`;
}

export function dollars(credits: number): string {
  return `$${(credits * DOLLARS_PER_CREDIT).toFixed(2)}`;
}

/** "0:07", "3:12", "1:02:40". */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Made at its first date, not as the module loads: a window's first use of Intl loads ICU's locale
 * data, 35-55 ms of the page's thread in Chromium on these machines, which the first screen (no
 * date on it) should not wait for.
 */
let dateTime: Intl.DateTimeFormat | undefined;
export function when(ms: number): string {
  dateTime ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTime.format(new Date(ms));
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * The gallery's count in the artist's terms: generations, the members of stacked reruns included,
 * and how many tiles show them when stacks fold some away ("1,204 generations in 980 tiles").
 */
export function galleryCount(generations: number, tiles: number | null): string {
  const all = count(generations, 'generation');
  return tiles === null || tiles === generations ? all : `${all} in ${count(tiles, 'tile')}`;
}

/** Width over height of "16:9". */
export function ratioOf(aspectRatio: string): number {
  const [w, h] = aspectRatio.split(':').map(Number);
  return w && h ? w / h : 1;
}
