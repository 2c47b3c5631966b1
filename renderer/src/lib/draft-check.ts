/**
 * The Generate form checked against the one shared schema: GenerationParams, or each field's
 * words. It brings zod, so it loads after the window's first paint (draft-checker.ts).
 */
import type { GenerationParams } from '../../../shared/generation.ts';
import { generationParamsSchema } from '../../../shared/params.ts';
import { draftCandidate, type DraftErrors, type DraftFields } from './draft.ts';

export function validateDraft(f: DraftFields): { params: GenerationParams | null; errors: DraftErrors } {
  const parsed = generationParamsSchema.safeParse(draftCandidate(f));
  if (parsed.success) return { params: parsed.data, errors: {} };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in f && errors[field as keyof DraftFields] === undefined) {
      errors[field as keyof DraftFields] = issue.message;
    }
  }
  return { params: null, errors };
}
