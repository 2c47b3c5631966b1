/** Runs `work` and counts the turns of the event loop that ran before it finished (0: it held the thread to the end). */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let counting = true;
  const count = () => {
    turns += 1;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  const value = await work();
  counting = false;
  return { value, turns };
}
