/**
 * podwright's public API. Everything a user imports is listed here by name;
 * nothing else is part of the API.
 */

// Constructs
export { PodOwner } from './constructs/pod-owner';
export { BasePod, BasePodProps } from './constructs/base-pod';
export { SecurePod, SecurePodProps } from './constructs/secure-pod';
export { SidecarPod, SidecarPodProps, LogShipperOptions } from './constructs/sidecar-pod';
export { SharedVolumePod, SharedVolumePodProps, ShareMount } from './constructs/shared-volume-pod';
export { StaticPod, StaticPodProps, STATIC_POD_FOLDER, STATIC_POD_DEFAULT_NAMESPACE } from './constructs/static-pod';
export {
  ReplicatedApp, ReplicatedAppProps, WorkloadKind, DeploymentStrategy, DisruptionBudgetOptions, AppServiceOptions,
  ServicePortOptions, SpreadMode, StatefulSetOptions, StatefulSetUpdateStrategy,
} from './constructs/replicated-app';
export { PodWorkload, PodWorkloadProps, PodWorkloadConfig } from './constructs/pod-workload';
export { Job, JobProps } from './constructs/job';
export { CronJob, CronJobProps, ConcurrencyPolicy } from './constructs/cron-job';
export { JobOptions, JobRestartPolicy } from './workload/job-spec';
export { VolumeClaim, VolumeClaimOptions, AccessMode } from './workload/volume-claim';
export { RecommendedLabels, LabelOptions } from './workload/labels';
export { IntOrPercent } from './workload/int-or-percent';
export { CONFIG_HASH_ANNOTATION } from './workload/config-hash';

// kubectl debug profiles
export { DebugProfiles, DebugProfilesProps, DebugProfileEntry, DEBUG_PROFILE_FOLDER } from './debug/debug-profiles';
export {
  debugProfileFor, checkDebugProfile, DebugProfileSpec, DebugProfileOptions, DebugProfileIssue,
} from './debug/debug-profile';

// The pod seam
export {
  PodDefinition, PodDefinitionConfig, PodOptions, SidecarOptions, SidecarMode, InitContainerOptions, ScratchDirOptions, HostAlias,
  DnsConfigOptions,
} from './pod/pod-definition';
export { withPodSecurityLevel } from './pod/metadata';
export { PodContainer, ContainerOptions, PortOptions, MountOptions, MountSpec, ContainerRole } from './pod/container';
export { Volume, VolumeType, EmptyDirOptions, ConfigSourceOptions, KeyToPath, ProjectedSource, NamedRef } from './pod/volume';
export { Probe, ProbeTimings, ProbeKind, PortRef } from './pod/probe';
export { Resources, ResourceSpec, ResourceAmounts, PresetResources, ResourcePreset, RESOURCE_PRESETS } from './pod/resources';
export { EnvValue, EnvFrom, EnvFromOptions } from './pod/env';
export { LifecycleHandler, LifecycleOptions } from './pod/lifecycle';
export {
  SecurityLevel, PodSecurityOptions, ContainerSecurityOptions, SeccompProfile, DEFAULT_NON_ROOT_ID,
} from './pod/security';

// App, synth gate and the target version
export { ConstructError } from './errors';
export { PodwrightApp, PodwrightAppProps, ValidationError, ISideOutput, SideFile } from './synth/podwright-app';
export { PodwrightValidation, PodwrightValidationProps } from './synth/cdk8s-plugin';
export { K8S_VERSION_CONTEXT, DEFAULT_K8S_VERSION, targetVersion } from './version';

// The validation engine
export { Engine, validate } from './validation/engine';
export {
  resolveConfig, ConfigError, PodwrightConfig, ResolvedConfig, Exemption, CONFIG_FILE_NAME, EXEMPT_ANNOTATION_PREFIX,
  POD_SECURITY_ANNOTATION, exemptionAnnotation,
} from './validation/config';
export { loadConfigFile, loadConfig, LoadedConfig, LoadConfigOptions } from './validation/config-file';
export {
  validateFiles, ValidateFilesOptions, RunResult, RunReport, FindingList, FindingSummary, StoredList, DocumentResult, InputError,
} from './validation/yaml/validate-files';
export { readYamlString, readYamlFile, ReadOptions, ReadLimits } from './validation/yaml/read';
export { failsAt } from './validation/severity';
export { RULES } from './validation/rules';
export { rulesOf, ruleMetasOf } from './validation/rule-set';
export { SERVER_RULE_METAS, ServerRuleMeta } from './validation/server-rules';

// Rules from outside: the rule module API and rule packages
export { defineRule, definePlugin, RuleDefinition, RuleDefinitionMeta, RulePlugin } from './validation/plugins';
export { registerCrdSchema } from './validation/schema/crd';
export { CrdRegistry } from './validation/schema/crd-registry';
export { loadCrdFiles } from './validation/schema/crd-files';
export {
  Finding, Report, Severity, Layer, PodSecurityLevel, ObjectInput, ObjectRef, SourceLocation, EngineSettings,
  Rule, RuleMeta, SkippedObject, KubeObject, Path, PathSegment, MapKey, RuleScope, RuleSetting, Violation, CheckedObject, PodSite,
  RuleContextBase, InputRuleContext, ObjectRuleContext, PodRuleContext, OutputRuleSession, OutputFinishContext, Anchor,
} from './validation/types';
