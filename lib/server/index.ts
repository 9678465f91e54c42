export { ApiServer, CheckOptions, DryRunTarget, POD_SECURITY_VERSION, ServerCause, ServerVerdict, StartOptions, verdictOf } from './api-server';
export { ASSETS_HINT, resolveAssets, ServerAssets, ServerAssetsError } from './assets';
export { Endpoint, KubeClient, parseWarningHeader, ServerResponse } from './client';
export { Discovery, RestResource, restPath } from './discovery';
export { GroupChild, ProcessGroup } from './processes';
export { CreatedVerdict, EffectiveVerdict, effectiveVerdict, isPodSecurityWarning } from './effective';
export { parseFieldPath } from './field-path';
export { checkInputs, findingsOf, SERVER_RULES, ServerCheckOptions, serverCheckOptionsOf, ServerFindingSettings, withServerFindings } from './server-layer';
export { Cluster, endpointFromKubeconfig, KubeconfigError } from './cluster';
