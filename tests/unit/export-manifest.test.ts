import { describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/generation.ts';
import { CSV_COLUMNS, csvHeader, csvLine, jsonLine, manifestRow } from '../../electron/core/export/manifest.ts';

const generation: Generation = {
  id: 12,
  params: { model: 'midjourney-v7', prompt: 'a "red", fox\nat dawn --s 250', negativePrompt: 'blur', seed: 7, aspectRatio: '16:9' },
  effective: {
    model: 'midjourney-v7', prompt: 'a "red", fox\nat dawn', aspectRatio: '16:9', stylize: 250, chaos: null, weird: null,
    quality: null, raw: false, negativePrompt: 'blur', seed: 7, referenceImageUrl: null,
  },
  status: 'done', errorCode: null, errorMessage: null, taskId: 'task-1', credits: 12, favorite: false, bestRating: 4, culledImages: 0, parentId: 3,
  createdAt: Date.UTC(2026, 0, 2), updatedAt: Date.UTC(2026, 0, 2), submittedAt: null, completedAt: Date.UTC(2026, 0, 3), retry: null,
  source: 'kinovi', midjourneyJobId: null, grid: null,
  images: [{
    index: 2, file: 'images/x.png', thumbnail: null, width: 1024, height: 576, bytes: 999, sha256: 'a'.repeat(64),
    fileSha256: 'b'.repeat(64), remoteUrl: null, state: 'done', errorMessage: null, favorite: true, rating: 4, rejected: true,
  }],
};

/** A minimal RFC 4180 reader, to prove the CSV reads back field for field. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  return rows;
}

describe('export manifest', () => {
  const filed = { tags: ['golden hour', 'night; rain'], collections: ['Best, so far', 'Print'] };
  const row = manifestRow(generation, generation.images[0]!, '2026-01-02_a_7_3.png', filed);

  it('carries every parameter and fact the library has, both hashes included', () => {
    expect(row).toMatchObject({
      formatVersion: 2, rating: 4, rejected: true, tags: filed.tags, collections: filed.collections, source: 'kinovi', midjourneyJobId: null, file: '2026-01-02_a_7_3.png', generation: 12, imageIndex: 2, negativePrompt: 'blur', model: 'midjourney-v7',
      seed: 7, taskId: 'task-1', credits: 12, favorite: true, parentGeneration: 3, createdAt: '2026-01-02T00:00:00.000Z',
      submittedAt: null, completedAt: '2026-01-03T00:00:00.000Z', sha256: 'a'.repeat(64), fileSha256: 'b'.repeat(64),
    });
    expect(JSON.parse(jsonLine(row))).toEqual(row);
    expect(jsonLine(row).split('\n')).toHaveLength(2);
  });

  it('writes CSV that reads back field for field, quotes and line breaks included', () => {
    const [header, line] = readCsv(csvHeader() + csvLine(row));
    expect(header).toEqual(CSV_COLUMNS);
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((name, i) => [name, line![i]]));
    expect(line).toHaveLength(CSV_COLUMNS.length);
    expect(byColumn).toMatchObject({
      prompt: 'a "red", fox\nat dawn --s 250', effective_prompt: 'a "red", fox\nat dawn', param_stylize: '', effective_stylize: '250',
      param_seed: '7', effective_raw: 'false', task_id: 'task-1', favorite: 'true', parent_generation: '3', file_sha256: 'b'.repeat(64),
      // the image's own curation, and lists of names one a line (a name holds no line break, so any other character is safe)
      rating: '4', rejected: 'true', tags: 'golden hour\nnight; rain', collections: 'Best, so far\nPrint', source: 'kinovi', midjourney_job_id: '',
    });
  });

  it('keeps a spreadsheet from running a prompt as a formula, and leaves numbers as they are', () => {
    const risky = { ...row, prompt: '=HYPERLINK("https://example.com","x")', negativePrompt: '@SUM(1,2)', seed: -1 };
    const [, line] = readCsv(csvHeader() + csvLine(risky));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((name, i) => [name, line![i]]));
    expect(byColumn).toMatchObject({ prompt: `'=HYPERLINK("https://example.com","x")`, negative_prompt: "'@SUM(1,2)", seed: '-1' });
    expect(JSON.parse(jsonLine(risky)).prompt).toBe(risky.prompt);
  });
});
