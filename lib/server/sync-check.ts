/**
 * Server checks for synchronous callers (`PodwrightApp.synth()` is synchronous, as cdk8s
 * requires): the check runs in a child Node process (this file as its entry point) that
 * starts the server, checks the objects and prints the findings as JSON. The child's
 * ProcessGroup stops etcd and kube-apiserver however it ends.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Finding, KubeObject } from '../validation/types';
import { ApiServer } from './api-server';
import { resolveAssets, ServerAssets } from './assets';
import { checkInputs, ServerCheckOptions } from './server-layer';

/** One object to check, with the construct path its findings are reported under. */
export interface SyncCheckObject {
  readonly object: KubeObject;
  readonly constructPath?: string;
}

interface Request {
  readonly assets: ServerAssets;
  readonly options: ServerCheckOptions;
  readonly objects: readonly SyncCheckObject[];
}

/**
 * Checks objects against a server started from `assetsDir` (default KUBEBUILDER_ASSETS) and
 * returns the findings per object. Throws ServerAssetsError (with how to get the binaries)
 * when there are none, and an Error when the check itself fails.
 */
export function checkObjectsSync(objects: readonly SyncCheckObject[], options: ServerCheckOptions & { readonly assets?: string }): Finding[][] {
  const { assets, ...check } = options;
  const request: Request = { assets: resolveAssets(assets), options: check, objects };
  // From the TypeScript sources (tests, `cdk8s synth` through the swc hook) the child needs the same hook.
  const hook = __filename.endsWith('.ts') ? ['-r', path.join(__dirname, '..', '..', 'scripts', 'register.js')] : [];
  const child = spawnSync(process.execPath, [...hook, __filename], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`podwright: the server check failed (exit ${child.status ?? child.signal}):\n${child.stderr.toString().trim()}`);
  }
  return JSON.parse(child.stdout.toString()) as Finding[][];
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString()) as Request;
  const server = await ApiServer.start({ assets: request.assets });
  try {
    const findings = await checkInputs(server, request.objects.map((o) => ({ object: o.object, constructPath: o.constructPath })), request.options);
    process.stdout.write(JSON.stringify(findings));
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
