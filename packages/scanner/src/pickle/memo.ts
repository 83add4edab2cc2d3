/**
 * The unpickler memo: dense small indices (MEMOIZE, BINPUT) live in an array, sparse large ones in
 * a Map, and `size` counts entries as Python's `len(memo)` does (MEMOIZE's next index).
 */

/** Index → value store with Python memo semantics. */
export class Memo<V> {
  private arr: (V | undefined)[] = [];
  private map: Map<number, V> | undefined;
  /** Number of entries. */
  size = 0;

  /** The value at `key`, or undefined. */
  get(key: number): V | undefined {
    return key < this.arr.length ? this.arr[key] : this.map?.get(key);
  }

  /** True when `key` has a value. */
  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Store `value` at `key`. */
  set(key: number, value: V): void {
    if (key <= this.arr.length && key < 1 << 24) {
      if (key === this.arr.length) {
        this.arr.push(value);
        this.size++;
      } else {
        if (this.arr[key] === undefined) this.size++;
        this.arr[key] = value;
      }
      return;
    }
    this.map ??= new Map();
    if (!this.map.has(key)) this.size++;
    this.map.set(key, value);
  }
}
