import { k8s } from 'cdk8s-plus-28';
import { PodDefinition } from '../pod/pod-definition';
import { isValidPortName } from '../validation/util/k8s-names';

/** One Service port, aimed at a named container port. */
export interface ServicePortOptions {
  /** The name of a container port of this pod (the Service targets it by name). */
  readonly targetPort: string;
  /** The port the Service listens on. @default - the container port's number */
  readonly port?: number;
  /** The Service port's name. @default - the targetPort name */
  readonly name?: string;
}

/** A Service in front of the app's pods; its selector is the pod selector. */
export interface AppServiceOptions {
  /** @default 'ClusterIP' */
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** @default - one port per named container port (main containers and sidecars) */
  readonly ports?: readonly ServicePortOptions[];
  /** @default - the workload's metadata.name when given, else a name generated from the construct path */
  readonly name?: string;
}

/** Throws (through `fail`) on a targetPort that cannot be a container port name. */
export function checkServicePortNames(ports: readonly ServicePortOptions[] | undefined, fail: (message: string) => Error): void {
  for (const p of ports ?? []) {
    const problems = isValidPortName(p.targetPort);
    if (problems.length) throw fail(`service port targetPort '${p.targetPort}' is not a valid port name (${problems.join('; ')}); use the name of a container port`);
  }
}

/**
 * The Service ports, resolved against the named ports of the pod's main containers and
 * sidecars; `requested` undefined means one port per named container port.
 */
export function resolveServicePorts(pod: PodDefinition, requested: readonly ServicePortOptions[] | undefined): { ok: k8s.ServicePort[]; errors: string[] } {
  const named = new Map<string, { number: number; protocol: string }>();
  for (const c of pod.containers) {
    if (c.role === 'init') continue;
    for (const p of c.portList) if (p.name !== undefined && !named.has(p.name)) named.set(p.name, { number: p.number, protocol: p.protocol });
  }
  const wanted: readonly ServicePortOptions[] = requested ?? [...named.keys()].map((targetPort) => ({ targetPort }));
  const ok: k8s.ServicePort[] = [];
  const errors: string[] = [];
  for (const p of wanted) {
    const target = named.get(p.targetPort);
    if (!target) {
      const known = [...named.keys()];
      errors.push(`service port '${p.name ?? p.targetPort}' targets container port '${p.targetPort}', which no container declares${known.length ? ` (named ports: ${known.join(', ')})` : ''}; name a container port '${p.targetPort}', or target one of the declared names.`);
      continue;
    }
    ok.push({
      name: p.name ?? p.targetPort,
      port: p.port ?? target.number,
      targetPort: k8s.IntOrString.fromString(p.targetPort),
      protocol: target.protocol,
    });
  }
  return { ok, errors };
}

/** The synth-time errors of a Service in front of `pod` (`typeName` names the construct type in the message). */
export function servicePortErrors(typeName: string, pod: PodDefinition, requested: readonly ServicePortOptions[] | undefined): string[] {
  const ports = resolveServicePorts(pod, requested);
  if (ports.ok.length === 0 && ports.errors.length === 0) {
    return [`${typeName} service has no port: no container declares a named port; name a container port (ports: [{ number: 8080, name: 'http' }]) or list service.ports.`];
  }
  return ports.errors;
}

/** The spec of the Service in front of the pods. */
export function serviceSpec(pod: PodDefinition, options: AppServiceOptions, selector: Readonly<Record<string, string>>): k8s.ServiceSpec {
  return {
    type: options.type ?? 'ClusterIP',
    selector: { ...selector },
    ports: resolveServicePorts(pod, options.ports).ok,
  };
}

/** The spec of a StatefulSet's headless governing Service (`clusterIP: None`), one port per named container port. */
export function headlessServiceSpec(pod: PodDefinition, selector: Readonly<Record<string, string>>, publishNotReadyAddresses: boolean): k8s.ServiceSpec {
  return {
    // The L1 type spells it clusterIp; toJson renders clusterIP.
    clusterIp: 'None',
    publishNotReadyAddresses,
    selector: { ...selector },
    ports: resolveServicePorts(pod, undefined).ok,
  };
}
