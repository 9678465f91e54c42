import { KubeObject, Path } from '../types';
import { containersOf } from './containers';
import { asArray, field, isObject } from './values';

/** A port a container declares: its number and, when given, its name. */
export interface DeclaredPort {
  readonly number?: unknown;
  readonly name?: unknown;
}

/** The port a probe or lifecycle handler targets, as written (a number, or a port name). */
export type PortRef = number | string;

/**
 * True when `port` is one of `ports`, as the kubelet resolves a probe's or hook's port
 * (extractPort in pkg/kubelet/prober/prober.go and pkg/kubelet/lifecycle/handlers.go, v1.28):
 * a number is itself; a string is looked up by name among the container's ports, and, as
 * a last resort, read as a number. The constructs (lib/pod) and the engine's probe-port
 * rules share this one function.
 */
export function portDeclared(port: PortRef, ports: readonly DeclaredPort[]): boolean {
  const n = portNumber(port);
  return ports.some((p) => (typeof port === 'string' && p.name === port) || (n !== undefined && p.number === n));
}

/** The number a port reference stands for without a name lookup: a number, or a string of digits. */
export function portNumber(port: PortRef): number | undefined {
  if (typeof port === 'number') return port;
  return /^[0-9]+$/.test(port) ? Number(port) : undefined;
}

/** One port a probe or lifecycle hook of a container targets. */
export interface HandlerPort {
  readonly container: string;
  /** `readinessProbe.httpGet.port`, `lifecycle.preStop.tcpSocket.port`, ... */
  readonly where: string;
  readonly port: PortRef;
  /** Path from the pod spec to the port field. */
  readonly path: Path;
  /** The container's own ports. */
  readonly ports: readonly DeclaredPort[];
}

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * Every port targeted by a probe or lifecycle hook of every container of a pod spec.
 * Two rules ask for the same pod spec, one after the other: the last answer is kept.
 */
export function handlerPorts(spec: KubeObject): readonly HandlerPort[] {
  if (last.spec !== spec) {
    last.ports = collectHandlerPorts(spec);
    last.spec = spec;
  }
  return last.ports;
}

const last: { spec: KubeObject | undefined; ports: readonly HandlerPort[] } = { spec: undefined, ports: [] };

function collectHandlerPorts(spec: KubeObject): HandlerPort[] {
  const out: HandlerPort[] = [];
  for (const c of containersOf(spec)) {
    let ports: DeclaredPort[] | undefined; // read only for a container with a probe or hook on a port
    // `at` is the handler's path below the container, `where` its name in messages.
    const visit = (handler: unknown, where: string, at: readonly string[]) => {
      if (handler === undefined) return;
      for (const h of HANDLERS) {
        const port = field(field(handler, h), 'port');
        if (typeof port === 'number' || (typeof port === 'string' && port !== '')) {
          ports ??= asArray(field(c.container, 'ports')).filter(isObject).map((p) => ({ number: p.containerPort, name: p.name }));
          out.push({ container: c.name, where: `${where}.${h}.port`, port, path: [...c.path, ...at, h, 'port'], ports });
        }
      }
    };
    for (const probe of PROBES) visit(field(c.container, probe), probe, [probe]);
    const lifecycle = field(c.container, 'lifecycle');
    if (lifecycle !== undefined) {
      for (const hook of HOOKS) visit(field(lifecycle, hook), `lifecycle.${hook}`, ['lifecycle', hook]);
    }
  }
  return out;
}
