/**
 * A failed synth reads like a linter, run as users run it: `node` on the app and
 * `cdk8s synth` (which `npm run synth` runs). One line per construct error or finding
 * (`where  severity message  rule-id`, then the fix), one summary line, exit code 1,
 * no stack trace from podwright or the app, no object dump, nothing written.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const APP = 'test/fixtures/apps/broken.ts';
let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-synth-output-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Way = 'node' | 'cdk8s synth';

type Broken = 'construct' | 'props' | 'finding' | 'crash';

function runApp(way: Way, broken: Broken): { status: number | null; out: string; outdir: string } {
  const outdir = path.join(tmp, `${way.replace(' ', '-')}-${broken}`);
  const env: NodeJS.ProcessEnv = { ...process.env, BROKEN: broken, CDK8S_CHECK_UPGRADE: 'false', CDK8S_OUTDIR: outdir };
  delete env.PODWRIGHT_SYNTH_WRITER;
  delete env.JEST_WORKER_ID; // as a user runs it (podwright leaves uncaught errors to jest inside its workers)
  const command = `${process.execPath} -r ./scripts/register.js ${APP}`;
  const r = way === 'node'
    ? spawnSync(process.execPath, ['-r', './scripts/register.js', APP], { cwd: ROOT, env, encoding: 'utf8' })
    : spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), 'synth', '--app', command, '--output', outdir], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, outdir };
}

/**
 * Stack-trace lines printed by the app. cdk8s-cli ends a failed app with its own
 * `Error: command "..." returned a non-zero exit code 1` and that error's stack
 * (cdk8s-cli lib/cli/index.js prints `e.stack`), which podwright cannot change.
 */
function ourStackLines(out: string): string[] {
  const app = out.split(/^Error: command ".*" at .* returned a non-zero exit code 1$/m)[0]!;
  return app.split('\n').filter((l) => /^\s+at /.test(l));
}

const FINDING = /^broken\/web\/Resource  error   Deployment\/broken-web-\w+ spec\.template\.spec\.hostNetwork: host namespaces \(hostNetwork=true\)  pss-host-namespaces\n  fix: Remove hostNetwork/m;
const FINDING_SUMMARY = /^podwright: 1 error, \d+ warnings? in 2 objects, 1 at or above 'error'; nothing was written to .*\.$/m;
const CONSTRUCT = /^broken\/empty  error   SecurePod has no main container  construct\n  fix: Add one with addContainer\(\) \(a pod needs at least one container\)\.$/m;
const CONSTRUCT_SUMMARY = /^podwright: 1 error, 0 warnings from construct validation; nothing was written to .*\.$/m;
// Thrown at once by a constructor (contradictory props), before any synth: the same line format.
const PROPS = /^broken\/root  error   SecurePod 'broken\/root': container 'app': privileged .* construct\n  fix: .*\.$/m;
const PROPS_SUMMARY = /^podwright: 1 error, 0 warnings while building the constructs; nothing was written\.$/m;

// `npm run synth` is `cdk8s synth`; the construct-error path prints through the same code, so it runs under node only.
test.each<[Way, Broken, RegExp, RegExp]>([
  ['node', 'finding', FINDING, FINDING_SUMMARY],
  ['node', 'construct', CONSTRUCT, CONSTRUCT_SUMMARY],
  ['node', 'props', PROPS, PROPS_SUMMARY],
  ['cdk8s synth', 'finding', FINDING, FINDING_SUMMARY],
  ['cdk8s synth', 'props', PROPS, PROPS_SUMMARY],
])('a failed synth under %s (%s): the line, the fix, one summary line, exit 1, no stack, no dump', (way, broken, line, summary) => {
  const r = runApp(way, broken);
  expect(r.status).toBe(1);
  expect(r.out).toMatch(line);
  expect(r.out.match(new RegExp(summary.source, 'gm'))).toHaveLength(1);
  expect(ourStackLines(r.out)).toEqual([]);
  expect(r.out).not.toMatch(/report:|\[Object\]|findings: \[|throw /);
  expect(fs.existsSync(r.outdir) ? fs.readdirSync(r.outdir) : []).toEqual([]);
});

test('any other uncaught error is left to node: printed with its stack, exit 1', () => {
  const r = runApp('node', 'crash');
  expect(r.status).toBe(1);
  expect(r.out).toMatch(/^Error: an ordinary bug in the app$/m);
  expect(r.out).toMatch(/^\s+at .*broken\.ts/m);
  expect(r.out).not.toMatch(/^podwright: /m);
});
