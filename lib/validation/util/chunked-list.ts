/**
 * Growable lists of numbers for what a run keeps per document or per object (offsets,
 * hashes, record rows), stored in chunks that are never copied or freed while they grow.
 *
 * Why not one typed array, grown by copying: its storage lives in the C heap (node's
 * ArrayBuffer allocator is malloc), and each outgrown copy is freed below later
 * allocations, where glibc can neither reuse it for a larger copy nor return it to the
 * system. Measured on bench/out/website-100000.yaml: 10 MB of such arrays left the main
 * heap (`[heap]` in /proc/self/smaps) at 38 MB, against 12 MB at 20,000 documents; the
 * process's peak RSS grew by the difference.
 */
type NumberArray = Int32Array | Uint32Array | Float64Array;

/** Elements per chunk: 32 KB of 32-bit numbers, 64 KB of doubles (glibc serves both from its heap, below its 128 KB mmap threshold). */
const SHIFT = 13;
export const CHUNK_LENGTH = 1 << SHIFT;
const MASK = CHUNK_LENGTH - 1;

/**
 * A list of numbers of one typed-array type. The first chunk starts small and doubles up
 * to CHUNK_LENGTH (most lists of a small run stay small); every later chunk is full size.
 */
export class ChunkedList<A extends NumberArray> {
  private readonly chunks: A[];
  private n = 0;

  constructor(private readonly make: new (length: number) => A, initialLength = 64) {
    this.chunks = [new make(Math.min(Math.max(1, initialLength), CHUNK_LENGTH))];
  }

  get length(): number {
    return this.n;
  }

  /** Appends `value`; returns its index. */
  push(value: number): number {
    const i = this.n;
    this.reach(i);
    this.chunks[i >> SHIFT]![i & MASK] = value;
    return this.n++;
  }

  /** The value at `i`, which must be below the length (an index that set() passed over holds 0). */
  get(i: number): number {
    return this.chunks[i >> SHIFT]![i & MASK]!;
  }

  /** Writes `value` at `i`; the list grows to i + 1 when shorter (the values between are 0). */
  set(i: number, value: number): void {
    this.reach(i);
    this.chunks[i >> SHIFT]![i & MASK] = value;
    if (i >= this.n) this.n = i + 1;
  }

  /** Makes room for index `i`. */
  private reach(i: number): void {
    const chunks = this.chunks;
    const first = chunks[0]!;
    if (i < first.length) return;
    const c = i >> SHIFT;
    if (first.length < CHUNK_LENGTH) {
      // Only the first chunk is ever copied, and only while it is smaller than a chunk.
      const bigger = new this.make(c > 0 ? CHUNK_LENGTH : Math.min(CHUNK_LENGTH, Math.max(first.length * 2, i + 1)));
      bigger.set(first);
      chunks[0] = bigger;
    }
    while (chunks.length <= c) chunks.push(new this.make(CHUNK_LENGTH));
  }
}
