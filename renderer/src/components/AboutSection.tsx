import { useAppStore } from '../stores/app-store.ts';

export function AboutSection() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <section className="settings-section" aria-label="About">
      <h3>About</h3>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Images from</dt>
        <dd>{info.provider.label}</dd>
        <dt>Running in</dt>
        <dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser preview'}</dd>
      </dl>
    </section>
  );
}
