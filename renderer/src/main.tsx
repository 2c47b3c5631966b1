import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { requestsSent } from './api.ts';
import { useAppStore } from './stores/app-store.ts';
import { wireEvents } from './stores/wire-events.ts';
import './assets/fonts/inter.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Before the first render, so no push can arrive before a store listens.
wireEvents();
// Before the first render too: the library is asked while React builds the window (~0.2 s at start-up).
void useAppStore.getState().start();
// ...and only once those first requests have left: building the window is one long task, and the
// preview's socket could not open (and send them) until it had ended. Built as a transition, in
// slices: the answers (app:info at ~25 ms, the first page at ~55 ms in the core) are taken between
// them, not ~0.2-0.3 s later once the whole window is built (bench:ui at 1M, 6 launches each,
// interleaved: gallery ready median 1.25 → 1.16 s, first thumbnails 1.44 → 1.24 s).
void requestsSent().then(() =>
  startTransition(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);
