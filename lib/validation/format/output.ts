import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed
 * over the target, so a reader (or a crash) never sees half a report. Content given in
 * pieces is written as it comes (a large report is never held whole).
 */
export function writeFileAtomic(file: string, content: string | Iterable<string>): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (typeof content === 'string') {
      fs.writeFileSync(tmp, content);
    } else {
      const fd = fs.openSync(tmp, 'w');
      try {
        writeChunks({ write: (s: string) => fs.writeSync(fd, s) }, content);
      } finally {
        fs.closeSync(fd);
      }
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

/** Pieces are handed to the stream in strings of about this many characters. */
const WRITE_CHUNK = 64 * 1024;

/** Writes pieces of text to a stream, batched into strings of about 64 K characters. */
export function writeChunks(stream: { write(s: string): unknown }, chunks: Iterable<string>): void {
  let pending = '';
  for (const c of chunks) {
    pending += c;
    if (pending.length >= WRITE_CHUNK) {
      stream.write(pending);
      pending = '';
    }
  }
  if (pending !== '') stream.write(pending);
}
