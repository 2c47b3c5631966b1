import { TriangleAlert } from 'lucide-react';
import type { LibraryDamage } from '../../../shared/contract.ts';

/** Stays above the gallery until Atelier restarts: damage in the library file is not something to dismiss. */
export function LibraryDamageBanner({ damage }: { damage: LibraryDamage }) {
  return (
    <div className="library-damaged" role="alert" data-testid="library-damaged">
      <TriangleAlert size={18} aria-hidden="true" />
      <span>{damage.message}</span>
    </div>
  );
}
