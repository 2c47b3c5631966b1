import { useCollectionsStore } from '../stores/collections-store.ts';

/** "Generate into": new runs are filed in this collection the moment they are queued. */
export function GenerateInto() {
  const collections = useCollectionsStore((s) => s.collections);
  const into = useCollectionsStore((s) => s.generateInto);
  return (
    <div className="generate-into">
      <label htmlFor="generate-into">Generate into</label>
      <select
        id="generate-into"
        className="text-input"
        value={into ?? ''}
        onChange={(e) => useCollectionsStore.getState().setGenerateInto(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">No collection</option>
        {collections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
