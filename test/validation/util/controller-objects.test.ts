import {
  allCreatedObjects, createdObjects, generatedName, HASH_PLACEHOLDER, jobWithGeneratedSelector, MAX_DERIVED_SUFFIX, NAME_SUFFIX_PLACEHOLDER, UID_PLACEHOLDER,
} from '../../../lib/validation/util/controller-objects';
import { deployment, job, statefulSet } from '../fixtures/controller-cases';

const summary = (o: { object: Record<string, unknown>; templatePath: readonly unknown[] }) => ({
  kind: o.object.kind,
  name: (o.object.metadata as { name: string }).name,
  labels: (o.object.metadata as { labels?: unknown }).labels,
  templatePath: o.templatePath,
});

describe('what controllers create', () => {
  test('generateName: the base is cut to 58 characters before the 5 random ones', () => {
    expect(generatedName('web-')).toBe(`web-${NAME_SUFFIX_PLACEHOLDER}`);
    expect(generatedName(`${'a'.repeat(70)}-`)).toHaveLength(63);
  });

  test('Deployment -> ReplicaSet <name>-<hash> -> Pod <rs>-<random>, pod-template-hash added', () => {
    expect(allCreatedObjects(deployment('web')).map(summary)).toEqual([
      { kind: 'ReplicaSet', name: `web-${HASH_PLACEHOLDER}`, labels: { app: 'web', 'pod-template-hash': HASH_PLACEHOLDER }, templatePath: [] },
      { kind: 'Pod', name: `web-${HASH_PLACEHOLDER}-${NAME_SUFFIX_PLACEHOLDER}`, labels: { app: 'web', 'pod-template-hash': HASH_PLACEHOLDER }, templatePath: ['spec', 'template'] },
    ]);
  });

  test('StatefulSet -> claims <claim>-<set>-<ordinal> and Pods <set>-<ordinal> with identity and hostname', () => {
    const set = statefulSet('db', {
      replicas: 3,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'data', emptyDir: {} }, { name: 'tmp', emptyDir: {} }] } },
    });
    const made = createdObjects(set);
    expect(made.map(summary)).toEqual([
      { kind: 'PersistentVolumeClaim', name: 'data-db-0', labels: { app: 'db' }, templatePath: ['spec', 'volumeClaimTemplates', 0] },
      {
        kind: 'Pod', name: 'db-0', templatePath: ['spec', 'template'],
        labels: { app: 'db', 'controller-revision-hash': `db-${HASH_PLACEHOLDER}`, 'statefulset.kubernetes.io/pod-name': 'db-0', 'apps.kubernetes.io/pod-index': '0' },
      },
      { kind: 'PersistentVolumeClaim', name: 'data-db-2', labels: { app: 'db' }, templatePath: ['spec', 'volumeClaimTemplates', 0] },
      {
        kind: 'Pod', name: 'db-2', templatePath: ['spec', 'template'],
        labels: { app: 'db', 'controller-revision-hash': `db-${HASH_PLACEHOLDER}`, 'statefulset.kubernetes.io/pod-name': 'db-2', 'apps.kubernetes.io/pod-index': '2' },
      },
    ]);
    const podSpec = made[1]!.object.spec as Record<string, unknown>;
    expect(podSpec.hostname).toBe('db-0');
    expect(podSpec.subdomain).toBe('svc');
    // The claim replaces the template's volume of the same name (updateStorage).
    expect(podSpec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }, { name: 'tmp', emptyDir: {} }]);
  });

  test('Job: the server adds job-name and controller-uid labels (legacy and batch.kubernetes.io/) unless manualSelector', () => {
    const labels = (jobWithGeneratedSelector(job('backup')).spec as { template: { metadata: { labels: unknown } } }).template.metadata.labels;
    expect(labels).toEqual({
      'job-name': 'backup', 'batch.kubernetes.io/job-name': 'backup', 'controller-uid': UID_PLACEHOLDER, 'batch.kubernetes.io/controller-uid': UID_PLACEHOLDER,
    });
    const manual = job('backup', { manualSelector: true });
    expect(jobWithGeneratedSelector(manual)).toBe(manual);
  });

  test('CronJob -> Job <name>-<minutes> -> Pod; Indexed Job Pods <job>-<index>-<random> with hostname <job>-<index>', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 0 * * *', jobTemplate: { metadata: { labels: { t: 'x' } }, spec: (job('x').spec) } } };
    expect(allCreatedObjects(cron).map((o) => [o.object.kind, (o.object.metadata as { name: string }).name, o.templatePath])).toEqual([
      ['Job', 'nightly-29999999', ['spec', 'jobTemplate']],
      ['Pod', `nightly-29999999-${NAME_SUFFIX_PLACEHOLDER}`, ['spec', 'jobTemplate', 'spec', 'template']],
    ]);
    const [indexed] = createdObjects(job('work', { completionMode: 'Indexed', completions: 5 }));
    expect((indexed!.object.metadata as { name: string }).name).toBe(`work-4-${NAME_SUFFIX_PLACEHOLDER}`);
    expect((indexed!.object.spec as { hostname: string }).hostname).toBe('work-4');
  });

  test('DaemonSet -> Pod with the hash label, template generation and the daemon tolerations', () => {
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    const [pod] = createdObjects(ds);
    expect((pod!.object.metadata as { labels: unknown }).labels).toEqual({ a: 'b', 'pod-template-generation': '1', 'controller-revision-hash': HASH_PLACEHOLDER });
    expect(((pod!.object.spec as { tolerations: { key: string }[] }).tolerations).map((t) => t.key)).toContain('node.kubernetes.io/unschedulable');
  });

  test('kinds without a controller create nothing', () => {
    expect(createdObjects({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } })).toEqual([]);
  });
});

describe('MAX_DERIVED_SUFFIX (the rule skips short names on its strength)', () => {
  test('a name of 63 - MAX_DERIVED_SUFFIX characters derives only names, hostnames and added labels of at most 63', () => {
    const name = 'a'.repeat(63 - MAX_DERIVED_SUFFIX);
    const int32 = 2147483647;
    const template = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const workloads = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { template } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name }, spec: { replicas: int32, serviceName: 's', template } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name }, spec: { template } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { completionMode: 'Indexed', completions: int32, template } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name }, spec: { jobTemplate: { spec: { template } } } },
    ];
    const lengths: number[] = [];
    for (const w of workloads) {
      for (const c of allCreatedObjects(w)) {
        const meta = c.object.metadata as { name: string; labels?: Record<string, string> };
        if (c.object.kind === 'Pod') lengths.push(meta.name.length);
        const hostname = (c.object.spec as { hostname?: string }).hostname;
        if (hostname) lengths.push(hostname.length);
        for (const k of c.addedLabels) if (meta.labels?.[k] !== undefined) lengths.push(meta.labels[k]!.length);
      }
    }
    expect(lengths.length).toBeGreaterThan(10);
    expect(Math.max(...lengths)).toBe(63);
  });
});
