import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed
 * over the target, so a reader (or a crash) never sees half a report. The content is
 * written in pieces as it comes (a large report is never held whole).
 */
export function writeFileAtomic(file: string, content: Iterable<string>): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      const out = new ChunkWriter((bytes) => fs.writeSync(fd, bytes));
      for (const piece of content) out.write(piece);
      out.flush();
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw e;
  }
}

/** Bytes handed on at a time. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Text written in pieces and handed on in batches of about 64 KB. Each piece is copied
 * into a byte buffer as it comes, so the pieces, and the strings they were built from,
 * die young; waiting in a string concatenation for the batch kept them alive long enough
 * to reach V8's old generation (bench/README.md, optimisation 10). The sink must use the
 * bytes before it returns: the buffer is reused.
 */
export class ChunkWriter {
  private readonly buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly sink: (bytes: Buffer) => void) {}

  write(text: string): void {
    if (CHUNK_BYTES - this.used < text.length * 3) { // UTF-8 takes at most 3 bytes per UTF-16 unit
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        this.sink(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used);
  }

  /** Hands on what is buffered. */
  flush(): void {
    if (this.used === 0) return;
    this.sink(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}

/** Writes pieces of text to a stream (stdout), in strings of about 64 KB. */
export function writeChunks(stream: { write(s: string): unknown }, chunks: Iterable<string>): void {
  const out = new ChunkWriter((bytes) => stream.write(bytes.toString('utf8')));
  for (const piece of chunks) out.write(piece);
  out.flush();
}
