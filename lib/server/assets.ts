import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The two binaries the server harness runs. */
export interface ServerAssets {
  /** Absolute path of `kube-apiserver`. */
  readonly apiServer: string;
  /** Absolute path of `etcd`. */
  readonly etcd: string;
}

/** How a user gets the binaries; part of every "assets missing" message. */
export const ASSETS_HINT =
  'Get them with `setup-envtest use 1.28 -p path` (sigs.k8s.io/controller-runtime/tools/setup-envtest) and pass the folder it prints '
  + 'as KUBEBUILDER_ASSETS or --server-assets; etcd is taken from that folder, else from TEST_ASSET_ETCD, else from PATH '
  + '(Debian: apt-get install -y etcd-server).';

/** Thrown when the server binaries cannot be found; the CLI turns it into exit code 2. */
export class ServerAssetsError extends Error {
  constructor(message: string) {
    super(`${message} ${ASSETS_HINT}`);
    this.name = 'ServerAssetsError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Finds kube-apiserver and etcd the way envtest lays them out (a `KUBEBUILDER_ASSETS`
 * folder), with one addition: etcd may also come from `TEST_ASSET_ETCD` or PATH, since
 * Debian ships it as a package (`etcd-server`).
 *
 * @param folder the assets folder; defaults to `KUBEBUILDER_ASSETS`.
 */
export function resolveAssets(folder?: string, env: NodeJS.ProcessEnv = process.env): ServerAssets {
  const given = folder ?? env.KUBEBUILDER_ASSETS;
  if (given === undefined || given === '') {
    throw new ServerAssetsError('No API server assets: set KUBEBUILDER_ASSETS or pass --server-assets DIR (a folder holding kube-apiserver).');
  }
  // Absolute: the processes run in their own temporary folder.
  const dir = resolve(given);
  const apiServer = resolve(env.TEST_ASSET_KUBE_APISERVER || join(dir, 'kube-apiserver'));
  if (!executable(apiServer)) {
    throw new ServerAssetsError(`No executable kube-apiserver at ${apiServer}.`);
  }
  const candidates = [join(dir, 'etcd'), env.TEST_ASSET_ETCD].filter((p): p is string => !!p).map((p) => resolve(p));
  const etcd = candidates.find(executable) ?? onPath('etcd', env);
  if (etcd === undefined) {
    throw new ServerAssetsError(`No etcd: not in ${dir}, not in TEST_ASSET_ETCD, not on PATH.`);
  }
  return { apiServer, etcd };
}
