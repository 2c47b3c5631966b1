import { describe, expect, it } from 'vitest';
import { refusalWords } from '../../renderer/src/lib/refusal-words.ts';

describe('the words a settings form shows for a refused change', () => {
  it("the first schema issue's own words, which name the field's rule", () => {
    const problem = {
      code: 'invalid_input' as const,
      message: 'concurrency: Too big',
      details: { issues: [{ path: ['concurrency'], message: 'Runs at once must be between 1 and 50.' }, { path: [], message: 'second' }] },
    };
    expect(refusalWords(problem)).toBe('Runs at once must be between 1 and 50.');
  });

  it("else the error's message (no issues, or issues that carry no words)", () => {
    expect(refusalWords({ code: 'library_not_writable', message: 'Atelier cannot write to the library folder.' })).toBe('Atelier cannot write to the library folder.');
    expect(refusalWords({ code: 'invalid_input', message: 'The request was not valid.', details: { issues: [] } })).toBe('The request was not valid.');
    expect(refusalWords({ code: 'invalid_input', message: 'The request was not valid.', details: { issues: [{ message: 3 }] } })).toBe('The request was not valid.');
  });
});
