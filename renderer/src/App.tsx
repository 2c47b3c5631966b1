import { useEffect } from 'react';
import { useAppStore } from './stores/app-store.ts';

export function App() {
  const { info, error, load } = useAppStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="app" data-ready={info ? 'true' : 'false'}>
      <header className="topbar">
        <span className="brand">Atelier</span>
        {info && (
          <span className={`provider provider-${info.provider.kind}`} title={info.provider.baseUrl}>
            {info.provider.label}
          </span>
        )}
      </header>
      <main className="content">
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
        {info && (
          <section aria-label="About this Atelier" className="about">
            <dl>
              <dt>Version</dt>
              <dd data-testid="app-version">{info.version}</dd>
              <dt>Library folder</dt>
              <dd data-testid="app-data-dir">{info.dataDir}</dd>
              <dt>Images from</dt>
              <dd data-testid="app-provider">{info.provider.label}</dd>
              <dt>Running in</dt>
              <dd data-testid="app-shell">{info.shell === 'electron' ? 'Desktop app' : 'Browser preview'}</dd>
            </dl>
          </section>
        )}
      </main>
    </div>
  );
}
