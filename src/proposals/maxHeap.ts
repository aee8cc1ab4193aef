/**
 * Binary max-heap of (priority, a, b) triples on growable typed arrays, for hierarchical grouping with
 * lazy invalidation: stale pairs stay in the heap and are skipped when popped (SELECTIVE_SEARCH.md §3).
 * Equal priorities pop in no guaranteed order, but the order is deterministic for a given push sequence.
 */
export class MaxHeap {
  private key: Float64Array;
  private a: Int32Array;
  private b: Int32Array;
  /** Number of entries. */
  length = 0;

  /** @param capacity initial capacity (grows by doubling). */
  constructor(capacity = 64) {
    const c = Math.max(4, capacity);
    this.key = new Float64Array(c);
    this.a = new Int32Array(c);
    this.b = new Int32Array(c);
  }

  /** Adds a pair with its priority. */
  push(priority: number, a: number, b: number): void {
    if (this.length === this.key.length) this.grow();
    const { key, a: A, b: B } = this;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (key[parent] >= priority) break;
      key[i] = key[parent]; A[i] = A[parent]; B[i] = B[parent];
      i = parent;
    }
    key[i] = priority; A[i] = a; B[i] = b;
  }

  /** Priority of the top entry (undefined when empty). */
  peekPriority(): number | undefined {
    return this.length > 0 ? this.key[0] : undefined;
  }

  /**
   * Removes the top entry and writes its pair to `out[0]`, `out[1]`.
   * @returns its priority, or -Infinity when the heap is empty (out untouched).
   */
  pop(out: Int32Array): number {
    if (this.length === 0) return -Infinity;
    const { key, a: A, b: B } = this;
    const top = key[0];
    out[0] = A[0]; out[1] = B[0];
    const n = --this.length;
    if (n > 0) {
      const k = key[n], la = A[n], lb = B[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && key[c + 1] > key[c]) c++;
        if (key[c] <= k) break;
        key[i] = key[c]; A[i] = A[c]; B[i] = B[c];
        i = c;
      }
      key[i] = k; A[i] = la; B[i] = lb;
    }
    return top;
  }

  private grow(): void {
    const c = 2 * this.key.length;
    const key = new Float64Array(c), a = new Int32Array(c), b = new Int32Array(c);
    key.set(this.key); a.set(this.a); b.set(this.b);
    this.key = key; this.a = a; this.b = b;
  }
}
