import { StrictMode } from 'react';
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
// preview's socket could not open (and send them) until it had ended.
void requestsSent().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
