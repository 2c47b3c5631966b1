import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { wireEvents } from './stores/wire-events.ts';
import './assets/fonts/inter.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Before the first render, so no push can arrive before a store listens.
wireEvents();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
