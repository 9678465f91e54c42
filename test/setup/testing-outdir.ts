/**
 * cdk8s's `Testing.app()` (and `Testing.chart()`, which calls it) makes a new
 * `cdk8s.outdir.*` folder in the system temp folder on every call and never removes it:
 * about a thousand per `npm test`. Here each test file's apps get their folders inside one
 * temporary folder, removed when the file's tests end. (jest.config.js setupFilesAfterEnv.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppProps, Testing } from 'cdk8s';

let root: string | undefined;
const original = Testing.app;

Testing.app = function app(props?: AppProps) {
  root ??= fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-test-'));
  return original.call(Testing, { ...props, outdir: props?.outdir ?? fs.mkdtempSync(path.join(root, 'app-')) });
};

afterAll(() => {
  Testing.app = original;
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});
