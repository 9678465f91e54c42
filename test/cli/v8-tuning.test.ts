import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Runs a script in a node of its own (V8's flags are process-wide): it keeps some 10 MB of
 * recent objects alive across many garbage collections, which makes V8 grow its new space,
 * turning the event loop between batches as a validate run does, and reports the largest
 * new space seen. `phase` is what it does around the allocation.
 */
function newSpaceMB(phase: 'untuned' | 'tuned' | 'tuned-then-restored' | 'opted-out', nodeArgs: string[] = []): number {
  const script = `
    require(${JSON.stringify(path.join(ROOT, 'scripts', 'register.js'))});
    const v8 = require('v8');
    const { tuneV8ForValidate } = require(${JSON.stringify(path.join(ROOT, 'lib', 'cli', 'v8-tuning.ts'))});
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    async function churn() {
      let largest = newSpace();
      const kept = new Array(200000);
      let next = 0;
      for (let batch = 0; batch < 200; batch++) {
        for (let i = 0; i < 5000; i++) {
          kept[next] = { batch, i, s: 'x' + i };
          next = (next + 1) % kept.length;
        }
        await new Promise((r) => setImmediate(r));
        largest = Math.max(largest, newSpace());
      }
      return largest;
    }
    (async () => {
      const phase = ${JSON.stringify(phase)};
      let largest;
      if (phase === 'untuned') largest = await churn();
      else {
        const restore = tuneV8ForValidate(phase === 'opted-out' ? { PODWRIGHT_V8_TUNING: '0' } : {});
        if (phase === 'tuned-then-restored') restore();
        largest = await churn();
        restore();
      }
      process.stdout.write(String(largest / 1048576));
    })();
  `;
  const child = spawnSync(process.execPath, [...nodeArgs, '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(child.stderr).toBe('');
  return Number(child.stdout);
}

describe('tuneV8ForValidate: the young generation held at 8 MB for a validate run', () => {
  test('untuned, this allocation grows the new space past 8 MB (the premise of the tests below)', () => {
    expect(newSpaceMB('untuned')).toBeGreaterThan(8);
  });

  test('tuned, the new space stops at 8 MB', () => {
    expect(newSpaceMB('tuned')).toBeLessThanOrEqual(8);
  });

  test('restored, V8 grows it again as before', () => {
    expect(newSpaceMB('tuned-then-restored')).toBeGreaterThan(8);
  });

  test('PODWRIGHT_V8_TUNING=0 leaves V8 alone', () => {
    expect(newSpaceMB('opted-out')).toBeGreaterThan(8);
  });

  test('a semi-space size the user gives node is left alone', () => {
    expect(newSpaceMB('tuned', ['--max-semi-space-size=16'])).toBeGreaterThan(8);
  });
});
