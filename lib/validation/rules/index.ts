/**
 * Every rule podwright runs, in one explicit list sorted by id (model: eslint's
 * lib/rules/index.js). A new rule is a new file in this folder, named by its id,
 * plus one import and one entry here. No discovery, no side-effect registration.
 */
import { Rule } from '../types';
import admissionWebhookConfiguration from './admission-webhook-configuration';
import affinity from './affinity';
import configmapData from './configmap-data';
import containerImageRequired from './container-image-required';
import containerName from './container-name';
import containerPortConflict from './container-port-conflict';
import containerPorts from './container-ports';
import containerResources from './container-resources';
import containerRestartPolicy from './container-restart-policy';
import controllerCreatedObjects from './controller-created-objects';
import cronjobSpec from './cronjob-spec';
import customResourceRuleNotEvaluated from './custom-resource-rule-not-evaluated';
import customResourceSchema from './custom-resource-schema';
import customResourceUnknownField from './custom-resource-unknown-field';
import customResourceValidationRule from './custom-resource-validation-rule';
import daemonsetSpec from './daemonset-spec';
import deploymentSpec from './deployment-spec';
import dnsPolicy from './dns-policy';
import documentNotObject from './document-not-object';
import endpointsSubsets from './endpoints-subsets';
import endpointsliceSpec from './endpointslice-spec';
import envFrom from './env-from';
import envSecretLiteral from './env-secret-literal';
import envVar from './env-var';
import ephemeralContainerFields from './ephemeral-container-fields';
import ephemeralContainersOnCreate from './ephemeral-containers-on-create';
import exemptionAnnotation from './exemption-annotation';
import horizontalpodautoscalerSpec from './horizontalpodautoscaler-spec';
import hostAliases from './host-aliases';
import hostNetworkPorts from './host-network-ports';
import hostPortConflict from './host-port-conflict';
import imageReference from './image-reference';
import imageTagLatest from './image-tag-latest';
import ingressSpec from './ingress-spec';
import ingressclassSpec from './ingressclass-spec';
import initContainerProbes from './init-container-probes';
import jobSpec from './job-spec';
import leaseSpec from './lease-spec';
import limitrangeSpec from './limitrange-spec';
import metadataAnnotations from './metadata-annotations';
import metadataFinalizers from './metadata-finalizers';
import metadataLabels from './metadata-labels';
import metadataName from './metadata-name';
import metadataNamespace from './metadata-namespace';
import namespaceSpec from './namespace-spec';
import nativeSidecarNeedsFeatureGate from './native-sidecar-needs-feature-gate';
import networkpolicySpec from './networkpolicy-spec';
import nodeSelector from './node-selector';
import pdbMissing from './pdb-missing';
import persistentvolumeSpec from './persistentvolume-spec';
import persistentvolumeclaimSpec from './persistentvolumeclaim-spec';
import podOs from './pod-os';
import podPriority from './pod-priority';
import podRestartPolicy from './pod-restart-policy';
import podSpecNames from './pod-spec-names';
import poddisruptionbudgetSpec from './poddisruptionbudget-spec';
import priorityclassSpec from './priorityclass-spec';
import probeHandler from './probe-handler';
import probePortName from './probe-port-name';
import probePortUndeclared from './probe-port-undeclared';
import probesMissing from './probes-missing';
import projectedTokenNeedsServiceAccount from './projected-token-needs-service-account';
import pssAllowPrivilegeEscalation from './pss-allow-privilege-escalation';
import pssApparmor from './pss-apparmor';
import pssCapabilitiesBaseline from './pss-capabilities-baseline';
import pssCapabilitiesRestricted from './pss-capabilities-restricted';
import pssHostNamespaces from './pss-host-namespaces';
import pssHostPathVolumes from './pss-host-path-volumes';
import pssHostPorts from './pss-host-ports';
import pssPrivileged from './pss-privileged';
import pssProcMount from './pss-proc-mount';
import pssRunAsNonRoot from './pss-run-as-non-root';
import pssRunAsUser from './pss-run-as-user';
import pssSeccompBaseline from './pss-seccomp-baseline';
import pssSeccompRestricted from './pss-seccomp-restricted';
import pssSelinux from './pss-selinux';
import pssSysctls from './pss-sysctls';
import pssVolumeTypes from './pss-volume-types';
import pssWindowsHostProcess from './pss-windows-host-process';
import rbacRoleBinding from './rbac-role-binding';
import rbacRoleRules from './rbac-role-rules';
import readinessGates from './readiness-gates';
import referenceNotInOutput from './reference-not-in-output';
import replicasetSpec from './replicaset-spec';
import replicationcontrollerSpec from './replicationcontroller-spec';
import resourcequotaSpec from './resourcequota-spec';
import resourcesMissing from './resources-missing';
import schedulingGates from './scheduling-gates';
import schemaApiVersionKind from './schema-api-version-kind';
import schemaEnum from './schema-enum';
import schemaQuantity from './schema-quantity';
import schemaRequired from './schema-required';
import schemaType from './schema-type';
import schemaUnknownField from './schema-unknown-field';
import secretData from './secret-data';
import secretDataBase64 from './secret-data-base64';
import securityContext from './security-context';
import securityContextSysctls from './security-context-sysctls';
import selectorChangingLabel from './selector-changing-label';
import serviceAccountTokenAutomount from './service-account-token-automount';
import serviceNodePortRange from './service-node-port-range';
import serviceSelectorNoMatch from './service-selector-no-match';
import serviceSpec from './service-spec';
import singleReplicaAvailability from './single-replica-availability';
import statefulsetSpec from './statefulset-spec';
import statefulsetVolumeClaimTemplates from './statefulset-volume-claim-templates';
import staticPodApiReferences from './static-pod-api-references';
import staticPodEphemeralContainers from './static-pod-ephemeral-containers';
import staticPodNamespace from './static-pod-namespace';
import storageclassSpec from './storageclass-spec';
import tolerations from './tolerations';
import topologySpreadConstraints from './topology-spread-constraints';
import validatingAdmissionPolicy from './validating-admission-policy';
import validatingAdmissionPolicyBinding from './validating-admission-policy-binding';
import volumeDefinition from './volume-definition';
import volumeDevices from './volume-devices';
import volumeMounts from './volume-mounts';
import volumeUnused from './volume-unused';
import windowsOptions from './windows-options';
import yamlDuplicateKey from './yaml-duplicate-key';
import yamlEncoding from './yaml-encoding';
import yamlLimits from './yaml-limits';
import yamlSyntax from './yaml-syntax';

/** Frozen: rules from outside come in through the configuration's `plugins` (see ../plugins.ts), never by changing this list. */
export const RULES: readonly Rule[] = frozen([
  admissionWebhookConfiguration,
  affinity,
  configmapData,
  containerImageRequired,
  containerName,
  containerPortConflict,
  containerPorts,
  containerResources,
  containerRestartPolicy,
  controllerCreatedObjects,
  cronjobSpec,
  customResourceRuleNotEvaluated,
  customResourceSchema,
  customResourceUnknownField,
  customResourceValidationRule,
  daemonsetSpec,
  deploymentSpec,
  dnsPolicy,
  documentNotObject,
  endpointsSubsets,
  endpointsliceSpec,
  envFrom,
  envSecretLiteral,
  envVar,
  ephemeralContainerFields,
  ephemeralContainersOnCreate,
  exemptionAnnotation,
  horizontalpodautoscalerSpec,
  hostAliases,
  hostNetworkPorts,
  hostPortConflict,
  imageReference,
  imageTagLatest,
  ingressSpec,
  ingressclassSpec,
  initContainerProbes,
  jobSpec,
  leaseSpec,
  limitrangeSpec,
  metadataAnnotations,
  metadataFinalizers,
  metadataLabels,
  metadataName,
  metadataNamespace,
  namespaceSpec,
  nativeSidecarNeedsFeatureGate,
  networkpolicySpec,
  nodeSelector,
  pdbMissing,
  persistentvolumeSpec,
  persistentvolumeclaimSpec,
  podOs,
  podPriority,
  podRestartPolicy,
  podSpecNames,
  poddisruptionbudgetSpec,
  priorityclassSpec,
  probeHandler,
  probePortName,
  probePortUndeclared,
  probesMissing,
  projectedTokenNeedsServiceAccount,
  pssAllowPrivilegeEscalation,
  pssApparmor,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssPrivileged,
  pssProcMount,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompBaseline,
  pssSeccompRestricted,
  pssSelinux,
  pssSysctls,
  pssVolumeTypes,
  pssWindowsHostProcess,
  rbacRoleBinding,
  rbacRoleRules,
  readinessGates,
  referenceNotInOutput,
  replicasetSpec,
  replicationcontrollerSpec,
  resourcequotaSpec,
  resourcesMissing,
  schedulingGates,
  schemaApiVersionKind,
  schemaEnum,
  schemaQuantity,
  schemaRequired,
  schemaType,
  schemaUnknownField,
  secretData,
  secretDataBase64,
  securityContext,
  securityContextSysctls,
  selectorChangingLabel,
  serviceAccountTokenAutomount,
  serviceNodePortRange,
  serviceSelectorNoMatch,
  serviceSpec,
  singleReplicaAvailability,
  statefulsetSpec,
  statefulsetVolumeClaimTemplates,
  staticPodApiReferences,
  staticPodEphemeralContainers,
  staticPodNamespace,
  storageclassSpec,
  tolerations,
  topologySpreadConstraints,
  validatingAdmissionPolicy,
  validatingAdmissionPolicyBinding,
  volumeDefinition,
  volumeDevices,
  volumeMounts,
  volumeUnused,
  windowsOptions,
  yamlDuplicateKey,
  yamlEncoding,
  yamlLimits,
  yamlSyntax,
]);

/** Freezes the list, each rule and its metadata: no surface can re-grade or replace a rule behind the configuration's back. */
function frozen(rules: Rule[]): readonly Rule[] {
  for (const rule of rules) {
    if (rule.meta.kinds) Object.freeze(rule.meta.kinds);
    Object.freeze(rule.meta);
    Object.freeze(rule);
  }
  return Object.freeze(rules);
}
