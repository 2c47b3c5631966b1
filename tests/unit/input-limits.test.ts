import { describe, expect, it } from 'vitest';
import { CURATION_MAX_IMAGES, EXPORT_PICKS_LIMIT, withThousands } from '../../shared/input-limits.ts';

describe('whole numbers with their thousands marked, without Intl', () => {
  it("marks them as toLocaleString('en-US') does", () => {
    for (const n of [0, 7, 42, 999, 1000, 4000, 12_345, 999_999, 1_000_000, 1_234_567_890, -1234, -999, Number.MAX_SAFE_INTEGER]) {
      expect(withThousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('says the export limit in those words', () => {
    expect(EXPORT_PICKS_LIMIT).toContain(`At most ${CURATION_MAX_IMAGES.toLocaleString('en-US')} picked images`);
  });
});
