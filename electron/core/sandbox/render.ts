/**
 * The Sandbox's stand-in for Midjourney: abstract art drawn from the prompt's words,
 * the seed and the settings. Same inputs give the same bytes (so "rerun with the same
 * seed" can be tested); another seed or image index gives a visibly different picture.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { AspectRatio, EffectiveParams } from '../../../shared/generation.ts';
import { API_IMAGE_SIZES } from '../media/image-size.ts';

/** The Sandbox draws at the sizes Kinovi documents; one table for both. */
export const imageSizes: Readonly<Record<AspectRatio, { width: number; height: number }>> = API_IMAGE_SIZES;

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** mulberry32: tiny, fast and fully determined by its seed. */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A palette whose hues come from the prompt's words, so a prompt keeps its colours across seeds. */
function paletteFor(effective: EffectiveParams, random: () => number): string[] {
  const words = effective.prompt.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]*/gu) ?? [];
  const hues = words.slice(0, 6).map((word) => hashNumber(word) % 360);
  while (hues.length < 3) hues.push(Math.floor(random() * 360));
  const saturation = effective.raw ? 35 : 55 + Math.round(((effective.stylize ?? 100) / 1000) * 40);
  return hues.map((hue) => {
    const shifted = Math.round(hue + (random() - 0.5) * 40 + 360) % 360;
    return `hsl(${shifted},${saturation}%,${Math.round(35 + random() * 35)}%)`;
  });
}

/** The SVG for one of the four images of a task. */
export function artSvg(effective: EffectiveParams, index: number): string {
  const { width, height } = imageSizes[effective.aspectRatio];
  const key = JSON.stringify([effective, index]);
  const random = randomFrom(hashNumber(key));
  const palette = paletteFor(effective, random);
  const pick = () => palette[Math.floor(random() * palette.length)] ?? 'hsl(200,50%,50%)';
  const size = Math.min(width, height);
  const angle = Math.round(random() * 360);
  const shapes: string[] = [];
  const defs: string[] = [
    `<linearGradient id="bg" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${pick()}"/><stop offset=".55" stop-color="${pick()}"/><stop offset="1" stop-color="${pick()}"/></linearGradient>`,
  ];
  const count = 6 + Math.round(((effective.chaos ?? 0) / 100) * 10) + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    const x = Math.round(random() * width);
    const y = Math.round(random() * height);
    const r = Math.round(size * (0.08 + random() * 0.35));
    const opacity = (0.25 + random() * 0.5).toFixed(2);
    const kind = random();
    if (kind < 0.5) {
      defs.push(`<radialGradient id="g${i}"><stop offset="0" stop-color="${pick()}" stop-opacity="${opacity}"/><stop offset="1" stop-color="${pick()}" stop-opacity="0"/></radialGradient>`);
      shapes.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="url(#g${i})"/>`);
    } else if (kind < 0.8) {
      const rotate = Math.round(random() * 180);
      shapes.push(`<rect x="${x - r}" y="${y - r / 3}" width="${r * 2}" height="${Math.round(r / 1.5)}" rx="${Math.round(r / 3)}" fill="${pick()}" opacity="${opacity}" transform="rotate(${rotate} ${x} ${y})"/>`);
    } else {
      const x2 = Math.round(random() * width);
      const y2 = Math.round(random() * height);
      const cx = Math.round(random() * width);
      const cy = Math.round(random() * height);
      shapes.push(`<path d="M${x} ${y} Q${cx} ${cy} ${x2} ${y2}" stroke="${pick()}" stroke-width="${Math.round(2 + random() * size * 0.02)}" stroke-linecap="round" fill="none" opacity="${opacity}"/>`);
    }
  }
  // Weird bends the picture with a few sharp polygons that do not belong.
  const oddities = Math.round(((effective.weird ?? 0) / 3000) * 6);
  for (let i = 0; i < oddities; i++) {
    const points = Array.from({ length: 3 + Math.floor(random() * 3) }, () => `${Math.round(random() * width)},${Math.round(random() * height)}`).join(' ');
    shapes.push(`<polygon points="${points}" fill="${pick()}" opacity="0.55"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${defs.join('')}</defs><rect width="100%" height="100%" fill="url(#bg)"/>${shapes.join('')}</svg>`;
}

/** One image of a task as PNG bytes at the documented size. */
export async function renderImage(effective: EffectiveParams, index: number): Promise<Buffer> {
  return sharp(Buffer.from(artSvg(effective, index))).png({ compressionLevel: 3 }).toBuffer();
}
