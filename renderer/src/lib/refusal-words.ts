import type { AppError } from '../../../shared/result.ts';

/**
 * What a form says when the core refuses a change: the first schema issue's own words (they name
 * the field's rule, e.g. "Runs at once must be between 1 and 50"), else the error's message.
 */
export function refusalWords(problem: AppError): string {
  const issues = problem.details?.issues;
  const first = Array.isArray(issues) ? (issues[0] as { message?: unknown } | undefined) : undefined;
  return typeof first?.message === 'string' ? first.message : problem.message;
}
