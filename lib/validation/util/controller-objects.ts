/**
 * What a controller creates from a workload: the ReplicaSet of a Deployment, the Pods of a
 * ReplicaSet, StatefulSet, DaemonSet or Job, the PersistentVolumeClaims of a StatefulSet's
 * volumeClaimTemplates, the Job of a CronJob. Plain data in, plain data out; used by the
 * offline engine (rule `controller-created-objects`) and by the server layer (lib/server),
 * which dry-runs each created object: a workload is valid only when what it creates is.
 *
 * Facts are taken from the controllers in kubernetes/kubernetes v1.28 (files named per
 * function below). Values a controller computes at run time (template hashes, random name
 * suffixes, uids, the schedule time) are stood in for by placeholders of the longest
 * length the real values reach, so that a length check here fails whenever it could fail
 * for real.
 */
import { KubeObject, Path } from '../types';
import { asArray, asObject, asString, field, isObject } from './values';

/**
 * A stand-in for `controller.ComputeHash` / `history.HashControllerRevision`: an fnv32a sum
 * printed in decimal (up to 10 digits) and passed through `rand.SafeEncodeString`, so up to
 * 10 characters from "bcdfghjklmnpqrstvwxz2456789" (pkg/controller/controller_utils.go,
 * pkg/controller/history/controller_history.go, k8s.io/apimachinery/pkg/util/rand).
 */
export const HASH_PLACEHOLDER = '5d4f6b8c7d';

/** The 5 random characters the API server appends to a generateName (names.SimpleNameGenerator). */
export const NAME_SUFFIX_PLACEHOLDER = 'x2b7z';

/** A uid for objects that have none yet (the API server sets the real one on create). */
export const UID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/**
 * The CronJob controller names a Job `<cronjob>-<scheduled time in minutes since the epoch>`
 * (getJobFromTemplate2, pkg/controller/cronjob/utils.go); 8 digits until the year 2160.
 */
export const SCHEDULE_MINUTES_PLACEHOLDER = '29999999';

/**
 * The most characters any name, hostname or label value derived here adds to the
 * workload's name: a ReplicaSet Pod `<name>-<hash 10>-<random 5>` adds 17, a CronJob's Pod
 * `<name>-<8 digits>-<random 5>` 15, a StatefulSet Pod `<name>-<ordinal>` at most 11 (an
 * int32 ordinal), `controller-revision-hash` `<name>-<hash 10>` 11. All added characters are
 * in [a-z0-9-]. So a workload name of at most 63 - 17 characters without dots derives only
 * valid DNS labels and label values (claims add their template's name; the rule checks those apart).
 */
export const MAX_DERIVED_SUFFIX = 17;

/** Kinds whose controller creates objects from them. */
export const CONTROLLER_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'];

/** Label keys the controllers add (for findings that should not repeat the template's own label checks). */
export const CONTROLLER_LABELS = {
  /** apps.DefaultDeploymentUniqueLabelKey */
  podTemplateHash: 'pod-template-hash',
  /** apps.ControllerRevisionHashLabelKey / apps.DefaultDaemonSetUniqueLabelKey */
  controllerRevisionHash: 'controller-revision-hash',
  /** apps.StatefulSetPodNameLabel */
  statefulSetPodName: 'statefulset.kubernetes.io/pod-name',
  /** apps.PodIndexLabel (feature PodIndexLabel, beta and on in 1.28, KEP-4017) */
  podIndex: 'apps.kubernetes.io/pod-index',
  /** extensions.DaemonSetTemplateGenerationKey */
  daemonSetTemplateGeneration: 'pod-template-generation',
  /** batch.LegacyJobNameLabel, batch.JobNameLabel */
  legacyJobName: 'job-name',
  jobName: 'batch.kubernetes.io/job-name',
  /** batch.LegacyControllerUidLabel, batch.ControllerUidLabel */
  legacyControllerUid: 'controller-uid',
  controllerUid: 'batch.kubernetes.io/controller-uid',
  /** batch.JobCompletionIndexAnnotation (also a label with PodIndexLabel) */
  jobCompletionIndex: 'batch.kubernetes.io/job-completion-index',
} as const;

/** One object a controller creates. */
export interface ControllerObject {
  /** The object as the controller would send it to the API server. */
  readonly object: KubeObject;
  /** Who makes it, for messages: `the StatefulSet controller`. */
  readonly createdBy: string;
  /**
   * The path, in the object it was made from, that the created object's root stands for
   * (for locating findings): `['spec', 'template']` for a Pod, `[]` for a Deployment's
   * ReplicaSet (same layout), `['spec', 'volumeClaimTemplates', 0]` for a claim.
   */
  readonly templatePath: Path;
  /** The labels the controller added (keys), so checks can tell them from the template's own. */
  readonly addedLabels: readonly string[];
}

type Obj = Record<string, unknown>;

/*
 * Created objects share the parts they do not change with the object they were made from
 * (specs, annotations): only what a controller sets is copied, one level deep. Nobody may
 * mutate them. This keeps the offline rule cheap on 20,000-document files.
 */
const shallow = (v: unknown): Obj => ({ ...(asObject(v) ?? {}) });

function metaOf(o: unknown): KubeObject {
  return asObject(field(o, 'metadata')) ?? {};
}

function nameOf(o: unknown): string {
  return asString(field(metaOf(o), 'name')) ?? '';
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asObject(v) ?? {})) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * The name the API server makes from a generateName: the base cut to 58 characters
 * (63 minus the 5 random ones), then the suffix (names.SimpleNameGenerator.GenerateName,
 * k8s.io/apiserver/pkg/storage/names/generate.go).
 */
export function generatedName(base: string): string {
  return `${base.length > 58 ? base.slice(0, 58) : base}${NAME_SUFFIX_PLACEHOLDER}`;
}

/**
 * The generateName prefix a controller gives its pods: `<owner>-`, or the owner's name alone
 * when `<owner>-` is not a valid pod name prefix (getPodsPrefix, pkg/controller/controller_utils.go).
 */
function podsPrefix(owner: string): string {
  const prefix = `${owner}-`;
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*-?$/.test(prefix) && prefix.length <= 253 ? prefix : owner;
}

/**
 * A Pod from a template (GetPodFromTemplate, pkg/controller/controller_utils.go): the
 * template's labels, annotations, finalizers and spec, in the owner's namespace.
 */
function podFromTemplate(template: unknown, namespace: unknown, name: string, labels: Record<string, string>): Obj {
  const meta = metaOf(template);
  const metadata: Obj = { name };
  if (typeof namespace === 'string') metadata.namespace = namespace;
  const allLabels = { ...stringMap(field(meta, 'labels')), ...labels };
  if (Object.keys(allLabels).length > 0) metadata.labels = allLabels;
  for (const key of ['annotations', 'finalizers']) {
    const v = field(meta, key);
    if (v !== undefined) metadata[key] = v;
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: shallow(field(template, 'spec')) };
}

function withTemplateLabels(template: unknown, labels: Record<string, string>): Obj {
  const t = shallow(template);
  const meta = shallow(t.metadata);
  t.metadata = { ...meta, labels: { ...stringMap(meta.labels), ...labels } };
  return t;
}

/** The replica count the controller works to; never below 1 (a scale-up creates the first one). */
function replicasOf(spec: unknown): number {
  const r = field(spec, 'replicas');
  return typeof r === 'number' && Number.isInteger(r) && r > 1 ? r : 1;
}

/**
 * Deployment -> its new ReplicaSet (getNewReplicaSet, pkg/controller/deployment/sync.go):
 * named `<deployment>-<pod-template-hash>`, the hash label added to its labels, its selector
 * and its template's labels.
 */
function deploymentChildren(d: KubeObject): ControllerObject[] {
  const spec = asObject(field(d, 'spec')) ?? {};
  const hash = { [CONTROLLER_LABELS.podTemplateHash]: HASH_PLACEHOLDER };
  const template = withTemplateLabels(field(spec, 'template'), hash);
  const selector = shallow(field(spec, 'selector'));
  selector.matchLabels = { ...stringMap(selector.matchLabels), ...hash };
  const rsSpec: Obj = { replicas: replicasOf(spec), selector, template };
  if (field(spec, 'minReadySeconds') !== undefined) rsSpec.minReadySeconds = field(spec, 'minReadySeconds');
  const metadata: Obj = { name: `${nameOf(d)}-${HASH_PLACEHOLDER}`, labels: { ...stringMap(field(metaOf(template), 'labels')) } };
  if (typeof field(metaOf(d), 'namespace') === 'string') metadata.namespace = field(metaOf(d), 'namespace');
  return [{
    object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec: rsSpec },
    createdBy: 'the Deployment controller',
    templatePath: [],
    addedLabels: [CONTROLLER_LABELS.podTemplateHash],
  }];
}

/** ReplicaSet or ReplicationController -> a Pod named `<owner>-<random>` (manageReplicas, pkg/controller/replicaset). */
function replicaSetChildren(rs: KubeObject, by: string): ControllerObject[] {
  const template = field(field(rs, 'spec'), 'template');
  return [{
    object: podFromTemplate(template, field(metaOf(rs), 'namespace'), generatedName(podsPrefix(nameOf(rs))), {}),
    createdBy: by,
    templatePath: ['spec', 'template'],
    addedLabels: [],
  }];
}

/**
 * StatefulSet -> Pods `<set>-<ordinal>` with hostname and subdomain, the revision and
 * identity labels, and one claim per volumeClaimTemplate `<claim>-<set>-<ordinal>`
 * (newVersionedStatefulSetPod, initIdentity, updateStorage, getPersistentVolumeClaims,
 * getPersistentVolumeClaimName in pkg/controller/statefulset/stateful_set_utils.go; the
 * revision label is the ControllerRevision's name `<set>-<hash>`, history.ControllerRevisionName).
 * The first and the last ordinal are derived (the last has the longest names).
 */
function statefulSetChildren(set: KubeObject): ControllerObject[] {
  const spec = asObject(field(set, 'spec')) ?? {};
  const name = nameOf(set);
  const namespace = field(metaOf(set), 'namespace');
  const start = typeof field(field(spec, 'ordinals'), 'start') === 'number' ? (field(field(spec, 'ordinals'), 'start') as number) : 0;
  const last = start + replicasOf(spec) - 1;
  const claimTemplates = asArray(field(spec, 'volumeClaimTemplates'));
  const selectorLabels = stringMap(field(field(spec, 'selector'), 'matchLabels'));
  const serviceName = asString(field(spec, 'serviceName'));
  const out: ControllerObject[] = [];
  for (const ordinal of last === start ? [start] : [start, last]) {
    const podName = `${name}-${ordinal}`;
    const revision = `${name.length > 223 ? name.slice(0, 223) : name}-${HASH_PLACEHOLDER}`;
    const added = {
      [CONTROLLER_LABELS.controllerRevisionHash]: revision,
      [CONTROLLER_LABELS.statefulSetPodName]: podName,
      [CONTROLLER_LABELS.podIndex]: String(ordinal),
    };
    const pod = podFromTemplate(field(spec, 'template'), namespace, podName, added);
    const podSpec = pod.spec as Obj;
    podSpec.hostname = podName;
    if (serviceName !== undefined && serviceName !== '') podSpec.subdomain = serviceName;
    const claimVolumes: Obj[] = [];
    const claimNames = new Set<string>();
    claimTemplates.forEach((t, i) => {
      const claimName = nameOf(t);
      const pvcName = `${claimName}-${name}-${ordinal}`;
      claimNames.add(claimName);
      claimVolumes.push({ name: claimName, persistentVolumeClaim: { claimName: pvcName } });
      const metadata: Obj = { ...metaOf(t), name: pvcName };
      if (typeof namespace === 'string') metadata.namespace = namespace;
      metadata.labels = { ...stringMap(field(metaOf(t), 'labels')), ...selectorLabels };
      if (Object.keys(metadata.labels as object).length === 0) delete metadata.labels;
      out.push({
        object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: asObject(field(t, 'spec')) ?? {} },
        createdBy: 'the StatefulSet controller',
        templatePath: ['spec', 'volumeClaimTemplates', i],
        addedLabels: Object.keys(selectorLabels),
      });
    });
    if (claimVolumes.length > 0) {
      podSpec.volumes = [...claimVolumes, ...asArray(podSpec.volumes).filter((v) => !claimNames.has(nameOf({ metadata: v })))];
    }
    out.push({ object: pod, createdBy: 'the StatefulSet controller', templatePath: ['spec', 'template'], addedLabels: Object.keys(added) });
  }
  return out;
}

/** The tolerations every daemon Pod gets (AddOrUpdateDaemonPodTolerations, pkg/controller/daemon/util/daemonset_util.go). */
function daemonTolerations(hostNetwork: boolean): Obj[] {
  const t = (key: string, effect: string) => ({ key: `node.kubernetes.io/${key}`, operator: 'Exists', effect });
  const list = [
    t('not-ready', 'NoExecute'), t('unreachable', 'NoExecute'), t('disk-pressure', 'NoSchedule'),
    t('memory-pressure', 'NoSchedule'), t('pid-pressure', 'NoSchedule'), t('unschedulable', 'NoSchedule'),
  ];
  if (hostNetwork) list.push(t('network-unavailable', 'NoSchedule'));
  return list;
}

/**
 * DaemonSet -> a Pod `<set>-<random>` with `controller-revision-hash` (the hash alone) and
 * `pod-template-generation` labels and the daemon tolerations (CreatePodTemplate,
 * pkg/controller/daemon/util/daemonset_util.go). The node affinity the controller pins each
 * Pod with is left out: it replaces the template's required terms, which the server checks on
 * the DaemonSet itself.
 */
function daemonSetChildren(ds: KubeObject): ControllerObject[] {
  const template = field(field(ds, 'spec'), 'template');
  const added = { [CONTROLLER_LABELS.daemonSetTemplateGeneration]: '1', [CONTROLLER_LABELS.controllerRevisionHash]: HASH_PLACEHOLDER };
  const pod = podFromTemplate(template, field(metaOf(ds), 'namespace'), generatedName(podsPrefix(nameOf(ds))), added);
  const spec = pod.spec as Obj;
  const present = new Set(asArray(spec.tolerations).map((t) => `${asString(field(t, 'key'))}/${asString(field(t, 'effect'))}`));
  const extra = daemonTolerations(field(spec, 'hostNetwork') === true).filter((t) => !present.has(`${t.key}/${t.effect}`));
  spec.tolerations = [...asArray(spec.tolerations), ...extra];
  return [{ object: pod, createdBy: 'the DaemonSet controller', templatePath: ['spec', 'template'], addedLabels: Object.keys(added) }];
}

/**
 * The labels and selector the API server adds to a Job on create unless `manualSelector`
 * is true (generateSelector, pkg/registry/batch/job/strategy.go): job-name and
 * controller-uid, legacy and `batch.kubernetes.io/` forms. Idempotent: a Job the server
 * returned already has them.
 */
export function jobWithGeneratedSelector(job: KubeObject): KubeObject {
  const spec = asObject(field(job, 'spec')) ?? {};
  if (field(spec, 'manualSelector') === true) return job;
  const name = nameOf(job);
  const uid = asString(field(metaOf(job), 'uid')) ?? UID_PLACEHOLDER;
  const labels = {
    [CONTROLLER_LABELS.legacyJobName]: name, [CONTROLLER_LABELS.jobName]: name,
    [CONTROLLER_LABELS.legacyControllerUid]: uid, [CONTROLLER_LABELS.controllerUid]: uid,
  };
  const template = asObject(field(spec, 'template')) ?? {};
  const own = stringMap(field(metaOf(template), 'labels'));
  const selector = shallow(field(spec, 'selector'));
  selector.matchLabels = { [CONTROLLER_LABELS.controllerUid]: uid, ...stringMap(selector.matchLabels) };
  return { ...job, spec: { ...spec, selector, template: withTemplateLabels(template, { ...labels, ...own }) } };
}

/**
 * Job -> a Pod `<job>-<random>` (the Job's template labels as the server stored them); for
 * an Indexed Job the completion index annotation and label and hostname `<job>-<index>`
 * (manageJob in pkg/controller/job/job_controller.go; addCompletionIndexAnnotation,
 * addCompletionIndexLabel, podGenerateNameWithIndex in pkg/controller/job/indexed_job_utils.go;
 * the last index has the longest values). The JOB_COMPLETION_INDEX variable it adds to each
 * container is left out (a downward-API reference to that annotation, always valid).
 */
function jobChildren(given: KubeObject): ControllerObject[] {
  const job = jobWithGeneratedSelector(given);
  const spec = asObject(field(job, 'spec')) ?? {};
  const name = nameOf(job);
  const template = field(spec, 'template');
  const added: Record<string, string> = {};
  const jobAdded = Object.keys(stringMap(field(metaOf(template), 'labels'))).filter((k) => !(k in stringMap(field(metaOf(field(field(given, 'spec'), 'template')), 'labels'))));
  if (field(spec, 'completionMode') !== 'Indexed') {
    const pod = podFromTemplate(template, field(metaOf(job), 'namespace'), generatedName(podsPrefix(name)), added);
    return [{ object: pod, createdBy: 'the Job controller', templatePath: ['spec', 'template'], addedLabels: jobAdded }];
  }
  const completions = field(spec, 'completions');
  const index = String(typeof completions === 'number' && completions > 0 ? completions - 1 : 0);
  added[CONTROLLER_LABELS.jobCompletionIndex] = index;
  // Indexed Pods are named `<job>-<index>-<random>`, the job name cut so the prefix fits 58
  // characters (podGenerateNameWithIndex), and get hostname `<job>-<index>` (manageJob).
  const appendIndex = `-${index}-`;
  const base = `${name}${appendIndex}`.length > 58 ? `${name.slice(0, 58 - appendIndex.length)}${appendIndex}` : `${name}${appendIndex}`;
  const pod = podFromTemplate(template, field(metaOf(job), 'namespace'), generatedName(base), added);
  const metadata = pod.metadata as Obj;
  metadata.annotations = { ...stringMap(metadata.annotations), [CONTROLLER_LABELS.jobCompletionIndex]: index };
  (pod.spec as Obj).hostname = `${name}-${index}`;
  return [{ object: pod, createdBy: 'the Job controller', templatePath: ['spec', 'template'], addedLabels: [...jobAdded, CONTROLLER_LABELS.jobCompletionIndex] }];
}

/**
 * CronJob -> a Job `<cronjob>-<minutes>` with the jobTemplate's labels, annotations and spec
 * (getJobFromTemplate2, pkg/controller/cronjob/utils.go).
 */
function cronJobChildren(cj: KubeObject): ControllerObject[] {
  const jobTemplate = field(field(cj, 'spec'), 'jobTemplate');
  const tmeta = metaOf(jobTemplate);
  const metadata: Obj = { name: `${nameOf(cj)}-${SCHEDULE_MINUTES_PLACEHOLDER}` };
  if (typeof field(metaOf(cj), 'namespace') === 'string') metadata.namespace = field(metaOf(cj), 'namespace');
  for (const key of ['labels', 'annotations']) if (isObject(field(tmeta, key))) metadata[key] = field(tmeta, key);
  return [{
    object: { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: asObject(field(jobTemplate, 'spec')) ?? {} },
    createdBy: 'the CronJob controller',
    templatePath: ['spec', 'jobTemplate'],
    addedLabels: [],
  }];
}

/**
 * The objects a controller creates directly from one object (one step: a Deployment gives a
 * ReplicaSet, not Pods); empty for kinds without a controller. The server layer dry-runs
 * each and recurses on what the server returns.
 */
export function createdObjects(object: KubeObject): ControllerObject[] {
  switch (field(object, 'kind')) {
    case 'Deployment': return deploymentChildren(object);
    case 'ReplicaSet': return replicaSetChildren(object, 'the ReplicaSet controller');
    case 'ReplicationController': return replicaSetChildren(object, 'the replication controller');
    case 'StatefulSet': return statefulSetChildren(object);
    case 'DaemonSet': return daemonSetChildren(object);
    case 'Job': return jobChildren(object);
    case 'CronJob': return cronJobChildren(object);
    default: return [];
  }
}

/**
 * Everything created in the end, through every controller in turn (CronJob -> Job -> Pod,
 * Deployment -> ReplicaSet -> Pod), with template paths relative to the given object.
 */
export function allCreatedObjects(object: KubeObject): ControllerObject[] {
  const out: ControllerObject[] = [];
  for (const child of createdObjects(object)) {
    out.push(child);
    for (const grand of allCreatedObjects(child.object)) {
      out.push({
        ...grand,
        templatePath: [...child.templatePath, ...grand.templatePath],
        addedLabels: [...new Set([...child.addedLabels, ...grand.addedLabels])],
      });
    }
  }
  return out;
}
