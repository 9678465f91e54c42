import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveAssets, ServerAssetsError } from '../../../lib/server/assets';

let dir: string;
const exe = (p: string) => {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\n', { mode: 0o755 });
  return p;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-assets-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('resolveAssets', () => {
  test('without a folder it says how to get the binaries', () => {
    expect(() => resolveAssets(undefined, { PATH: '' })).toThrow(ServerAssetsError);
    expect(() => resolveAssets(undefined, { PATH: '' })).toThrow('setup-envtest use 1.28 -p path');
  });

  test('a folder without kube-apiserver is refused', () => {
    expect(() => resolveAssets(path.join(dir, 'empty'), { PATH: '' })).toThrow(`No executable kube-apiserver at ${path.join(dir, 'empty', 'kube-apiserver')}.`);
  });

  test('etcd from the folder, else TEST_ASSET_ETCD, else PATH', () => {
    const a = path.join(dir, 'a');
    const apiServer = exe(path.join(a, 'kube-apiserver'));
    const onPath = exe(path.join(dir, 'bin', 'etcd'));
    const named = exe(path.join(dir, 'named', 'etcd'));
    expect(resolveAssets(undefined, { KUBEBUILDER_ASSETS: a, PATH: path.dirname(onPath) })).toEqual({ apiServer, etcd: onPath });
    expect(resolveAssets(a, { TEST_ASSET_ETCD: named, PATH: path.dirname(onPath) })).toEqual({ apiServer, etcd: named });
    const inFolder = exe(path.join(a, 'etcd'));
    expect(resolveAssets(a, { TEST_ASSET_ETCD: named, PATH: path.dirname(onPath) })).toEqual({ apiServer, etcd: inFolder });
    fs.rmSync(inFolder);
    expect(() => resolveAssets(a, { PATH: '' })).toThrow(/No etcd: not in .*, not in TEST_ASSET_ETCD, not on PATH\..*apt-get install -y etcd-server/);
  });
});
