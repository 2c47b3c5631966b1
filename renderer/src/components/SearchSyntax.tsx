import { useEffect, useRef, useState } from 'react';
import { CircleHelp } from 'lucide-react';
import { MIDJOURNEY_DEFAULTS as DEFAULTS } from '../../../shared/generation.ts';

/** Every form of the search language with an example: the one page an artist needs to write a query. */
const syntax: [string, string][] = [
  ['fisher', 'words match word starts: finds “fisherman”'],
  ['"fisher"', 'a word in quotes is the exact word'],
  ['"golden hour"', 'words in quotes are a phrase'],
  ['-blurry', 'leave out what matches'],
  ['castle OR tower', 'either one (OR in capitals)'],
  ['(castle OR tower) fog', 'brackets group; - binds first, then words side by side, then OR'],
  ['seed:1234  seed:100..200', 'a seed, or a range of seeds'],
  ['stylize:>500  s:<=250', `stylize, also chaos:, weird:, q: with > >= < <= or a..b; left unset is Midjourney’s default (s ${DEFAULTS.stylize}, chaos ${DEFAULTS.chaos}, weird ${DEFAULTS.weird}, q ${DEFAULTS.quality})`],
  ['ar:16:9', 'aspect ratio'],
  ['model:niji  model:v7  model:v8', 'model'],
  ['is:fav  is:rejected  is:raw  is:simulated', 'a favourite image; a rejected image; raw style; made by the Sandbox'],
  ['rating:>=4  rating:2..3', 'an image rated so (= > >= < <= or a..b); image terms together hold for the same image'],
  ['no:watermark', 'a word of the negative prompt (plain words search the prompt)'],
  ['status:failed', 'runs in that state (otherwise finished ones)'],
  ['date:today  date:yesterday  date:2026-11', 'made on a day, in a month or a year, your time'],
  ['after:2026-11-01  before:2026-12', 'on or after a day; before a day'],
  ['last:7d  last:12h  last:2w', 'the last days, hours or weeks'],
  ['tag:portrait  tag:"golden hour"', 'generations with that tag'],
  ['in:"Moodboard"', 'generations with an image in that collection'],
  ['batch:12', 'the runs of one bulk Generate (permutations, --repeat, a sweep)'],
  ['stack:42', 'generation 42 and its reruns (same settings and seed): an opened stack; “Stack reruns” shows one tile per stack'],
  ['neon city --ar 16:9 --s 250', 'a pasted Midjourney prompt: its words and its parameters'],
];

/** The "Search syntax" button and its popover; Escape or the button closes it. */
export function SearchSyntax() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    window.addEventListener('keydown', close, true);
    return () => window.removeEventListener('keydown', close, true);
  }, [open]);
  return (
    <div className="search-syntax">
      <button ref={button} type="button" className="icon-button small" aria-label="Search syntax" title="Search syntax" aria-expanded={open} aria-controls="search-syntax" onClick={() => setOpen(!open)}>
        <CircleHelp size={14} aria-hidden="true" />
      </button>
      {open && (
        <div id="search-syntax" className="search-syntax-popover" role="dialog" aria-label="Search syntax">
          <h2>Search syntax</h2>
          <dl>
            {syntax.map(([example, meaning]) => (
              <div key={example}>
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
