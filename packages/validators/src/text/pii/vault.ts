/**
 * The placeholder vault: remembers which original value each `<ENTITY_n>` placeholder stands for, so
 * an LLM's answer that mentions `<PERSON_1>` can be turned back into the real name for the user. The
 * vault holds raw personal data in memory: keep it per conversation, never log or persist it as is,
 * and `clear()` it when done.
 */
import { astring } from '@modelsec/core';

/** A reversible mapping between placeholders and original values. */
export interface PiiVault {
  /** The placeholder for `value` of `entity`, creating `<ENTITY_n>` on first sight (same value → same placeholder). */
  placeholder(entity: string, value: string): string;
  /** The original value of a placeholder, or undefined. */
  reveal(placeholder: string): string | undefined;
  /** Replace every known placeholder in `text` by its original value. */
  restore(text: string): string;
  /** Number of placeholders. */
  readonly size: number;
  /** Forget every value. */
  clear(): void;
  /** Content-free JSON form (`{ size }`), so logging the vault cannot leak what it holds. */
  toJSON(): { size: number };
}

/**
 * Create an empty vault.
 *
 * @example
 * ```ts
 * const vault = createPiiVault();
 * const { text } = redactPII('Call Ada at +44 20 7946 0958', { mode: 'placeholder', vault });
 * const answer = await llm(text); // "I will call <PERSON_1> ..."
 * vault.restore(answer); // "I will call Ada ..."
 * ```
 */
export function createPiiVault(): PiiVault {
  const byKey = new Map<string, string>();
  const byPlaceholder = new Map<string, string>();
  const counters = new Map<string, number>();
  const PLACEHOLDER = /<([A-Z][A-Z0-9_]{0,40}_\d{1,9})>/g;
  return {
    placeholder(entity, value) {
      astring(entity, 'entity');
      astring(value, 'value');
      const tag = entity.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
      const key = `${tag}\u0000${value}`;
      const known = byKey.get(key);
      if (known !== undefined) return known;
      const n = (counters.get(tag) ?? 0) + 1;
      counters.set(tag, n);
      const p = `<${tag}_${n}>`;
      byKey.set(key, p);
      byPlaceholder.set(p, value);
      return p;
    },
    reveal(placeholder) {
      return byPlaceholder.get(placeholder);
    },
    restore(text) {
      astring(text, 'text');
      return text.replace(PLACEHOLDER, (m) => byPlaceholder.get(m) ?? m);
    },
    get size() {
      return byPlaceholder.size;
    },
    clear() {
      byKey.clear();
      byPlaceholder.clear();
      counters.clear();
    },
    toJSON() {
      return { size: byPlaceholder.size };
    },
  };
}
