/** Writes a generation's effective settings the way an artist would type them into Midjourney. */
import type { EffectiveParams } from '../../../shared/generation.ts';

export function midjourneyPrompt(p: EffectiveParams): string {
  const parts = [p.prompt];
  if (p.model === 'midjourney-v7-niji') parts.push('--niji 7');
  else parts.push(`--v ${p.model === 'midjourney-v8' ? 8 : 7}`);
  parts.push(`--ar ${p.aspectRatio}`);
  if (p.stylize !== null) parts.push(`--s ${p.stylize}`);
  if (p.chaos !== null) parts.push(`--c ${p.chaos}`);
  if (p.weird !== null) parts.push(`--w ${p.weird}`);
  if (p.quality !== null) parts.push(`--q ${p.quality}`);
  parts.push(`--seed ${p.seed}`);
  if (p.raw) parts.push('--style raw');
  if (p.negativePrompt) parts.push(`--no ${p.negativePrompt}`);
  return parts.join(' ');
}
