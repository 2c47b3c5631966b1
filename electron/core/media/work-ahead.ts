/**
 * Picture work in parallel, used in order (import, the hashing of older images): the slow,
 * independent part of each picture (reading, decoding, hashing, a thumbnail) runs a few pictures
 * ahead of the one being saved, while what must happen one at a time and in order (a transaction,
 * a journal line) still does. Decoding runs on sharp's threads; hashing where the caller runs it.
 */

/** Pictures prepared at once: enough to keep two cores and the disk busy, few enough to stay small. */
export const PICTURES_AHEAD = 4;

/**
 * Decoded pixels allowed under way at once. A 100-megapixel picture (the library's limit) still
 * runs, alone; ordinary ones (1–4 megapixels) never wait for each other.
 */
export const PIXELS_AT_ONCE = 120_000_000;

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Prepares `items` up to `ahead` at a time and hands each over in the list's order once it and
 * every one before it is ready. A consumer that stops early (a `break`, a `return`, a throw) gets
 * back nothing more: what was prepared ahead is handed to `discard` (temp files removed), after
 * waiting for it, so nothing is left running. A `prepare` that throws throws at its turn.
 */
export async function* workAhead<T, R>(
  items: readonly T[],
  prepare: (item: T) => Promise<R>,
  options: { ahead?: number; discard?(result: R): Promise<void> | void } = {},
): AsyncGenerator<{ item: T; result: R }, void, undefined> {
  const ahead = Math.max(1, options.ahead ?? PICTURES_AHEAD);
  const pending: Promise<Settled<R>>[] = [];
  let started = 0;
  try {
    for (let at = 0; at < items.length; at++) {
      while (started < items.length && started - at < ahead) {
        const item = items[started++] as T;
        pending.push(prepare(item).then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error })));
      }
      const settled = (await pending.shift()) as Settled<R>;
      if (!settled.ok) throw settled.error;
      yield { item: items[at] as T, result: settled.value };
    }
  } finally {
    for (const left of pending.splice(0)) {
      const settled = await left;
      if (settled.ok) await options.discard?.(settled.value);
    }
  }
}

/**
 * A budget shared by work of different sizes, first come first served: a share starts while the
 * shares under way fit in the budget, or alone when it is larger than the whole budget.
 */
export class Budget {
  readonly #total: number;
  #used = 0;
  #running = 0;
  readonly #waiting: { amount: number; go(): void }[] = [];

  constructor(total: number) {
    this.#total = total;
  }

  /** Runs `work` once `amount` of the budget is free, and frees it after. */
  async with<R>(amount: number, work: () => Promise<R>): Promise<R> {
    await this.#take(Math.max(0, amount));
    try {
      return await work();
    } finally {
      this.#used -= Math.max(0, amount);
      this.#running -= 1;
      this.#wake();
    }
  }

  #fits(amount: number): boolean {
    return this.#running === 0 || this.#used + amount <= this.#total;
  }

  #take(amount: number): Promise<void> {
    if (this.#waiting.length === 0 && this.#fits(amount)) {
      this.#used += amount;
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((go) => this.#waiting.push({ amount, go }));
  }

  #wake(): void {
    // in order: a large share waiting is not overtaken by smaller ones for ever
    while (this.#waiting.length > 0 && this.#fits((this.#waiting[0] as { amount: number }).amount)) {
      const next = this.#waiting.shift() as { amount: number; go(): void };
      this.#used += next.amount;
      this.#running += 1;
      next.go();
    }
  }
}
