import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';

/**
 * V8 settings for the length of one `podwright validate` (the CLI owns its process; the
 * library never changes V8's flags). Measured on the issue-15 corpora (bench/README.md):
 *
 * - `--max-inlined-bytecode-size-cumulative=200` (V8's default is 920): TurboFan inlines
 *   less into each optimized function, so the ~220 functions a run optimizes compile
 *   sooner and cheaper. CPU at 20,000 documents 14-21 % lower, at 100,000 0-16 %.
 * - A young generation of at most 8 MB (two semi-spaces of 4 MB): on a busy heap V8
 *   doubles its semi-spaces up to 16 MB each (a 32 MB new space, as
 *   `v8.getHeapSpaceStatistics()` reports it), which buys little scavenging CPU here for
 *   up to 24 MB more memory. The largest semi-space can only be set when the process
 *   starts (`--max-semi-space-size`), so the cap is held instead by turning growth off
 *   (`--semi-space-growth-factor=1`) once the new space reaches it, and on again should V8
 *   shrink it below. Peak RSS at 100,000 documents 117-144 MB instead of 140-160, at the
 *   same CPU.
 *
 * Flags the user sets (node's command line or NODE_OPTIONS) are left alone, and
 * `PODWRIGHT_V8_TUNING=0` turns all of this off. The returned function restores V8's
 * defaults, so that a process that runs the CLI in-process (tests, the benchmark) goes on
 * as it was.
 */
export function tuneV8ForValidate(env: Readonly<Record<string, string | undefined>>): () => void {
  if (env.PODWRIGHT_V8_TUNING === '0') return () => {};
  const undo: (() => void)[] = [];
  if (!userSets('max-inlined-bytecode-size-cumulative')) {
    v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINE_BUDGET}`);
    undo.push(() => v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${V8_DEFAULT_INLINE_BUDGET}`));
  }
  if (!userSets('max-semi-space-size') && !userSets('semi-space-growth-factor')) undo.push(capYoungGeneration(NEW_SPACE_CAP));
  return () => {
    for (const u of undo.reverse()) u();
  };
}

/** The inlining budget podwright runs with, and V8's (node 20's V8 11.3: `node --v8-options`). */
const INLINE_BUDGET = 200;
const V8_DEFAULT_INLINE_BUDGET = 920;
const V8_DEFAULT_GROWTH_FACTOR = 2;

/** The young generation's cap: the new space's size as V8 reports it (both semi-spaces). */
const NEW_SPACE_CAP = 8 * 2 ** 20;

/** Holds the new space at `cap` bytes by turning semi-space growth off at it; returns the undo. */
function capYoungGeneration(cap: number): () => void {
  let growing = true;
  const check = () => {
    const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
    if (size === undefined) return;
    if (growing && size >= cap) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      growing = false;
    } else if (!growing && size < cap) {
      v8.setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
      growing = true;
    }
  };
  // Told after each garbage collection (between the run's batches, when the event loop turns).
  const observer = new PerformanceObserver(check);
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    if (!growing) v8.setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
  };
}

/** Whether node was started with this V8 flag (on its command line or in NODE_OPTIONS). */
function userSets(flag: string): boolean {
  const names = [`--${flag}`, `--${flag.replace(/-/g, '_')}`];
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return args.some((a) => names.some((n) => a === n || a.startsWith(`${n}=`)));
}
