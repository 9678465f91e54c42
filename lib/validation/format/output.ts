import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a file atomically: to a temporary file in the same folder, then renamed
 * over the target, so a reader (or a crash) never sees half a report.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
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
