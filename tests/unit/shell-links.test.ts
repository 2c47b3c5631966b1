import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../electron/core/links.ts';

describe('external link policy', () => {
  it.each(['https://kinovi.ai/account', 'http://example.com/a?b=c#d', 'HTTPS://KINOVI.AI'])('opens %s in the browser', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'atelier-media://library/images/2026/11/3f/42-0.png',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-settings:privacy',
    'vbscript:msgbox',
    '//evil.example/path',
    'not a url',
    '',
  ])('keeps %s away from the system', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
