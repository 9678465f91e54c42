import { CHUNK_LENGTH, ChunkedList } from '../../../lib/validation/util/chunked-list';

describe('ChunkedList', () => {
  test('push keeps every value across many chunks, in order', () => {
    const list = new ChunkedList(Int32Array, 2);
    const n = CHUNK_LENGTH * 3 + 17;
    for (let i = 0; i < n; i++) expect(list.push(i * 7 - 5)).toBe(i);
    expect(list.length).toBe(n);
    for (const i of [0, 1, 2, CHUNK_LENGTH - 1, CHUNK_LENGTH, CHUNK_LENGTH + 1, 2 * CHUNK_LENGTH, n - 1]) expect(list.get(i)).toBe(i * 7 - 5);
  });

  test('set past the end grows the list, with 0 between; set inside overwrites', () => {
    const list = new ChunkedList(Float64Array);
    list.push(1.5);
    list.set(CHUNK_LENGTH + 3, 2 ** 40 + 0.25); // a file offset beyond 32 bits
    expect(list.length).toBe(CHUNK_LENGTH + 4);
    expect(list.get(0)).toBe(1.5);
    expect(list.get(500)).toBe(0);
    expect(list.get(CHUNK_LENGTH + 3)).toBe(2 ** 40 + 0.25);
    list.set(0, NaN);
    expect(list.get(0)).toBeNaN();
    expect(list.length).toBe(CHUNK_LENGTH + 4);
  });

  test('values take the element type of the list', () => {
    const hashes = new ChunkedList(Uint32Array);
    hashes.push(0xffffffff);
    hashes.push(-1);
    expect([hashes.get(0), hashes.get(1)]).toEqual([0xffffffff, 0xffffffff]);
    const ints = new ChunkedList(Int32Array);
    ints.push(0xffffffff);
    expect(ints.get(0)).toBe(-1);
  });
});
