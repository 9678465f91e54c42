import { k8s } from 'cdk8s-plus-28';

/** A container port, by number or by the name given to it in `ports`. */
export type PortRef = number | string;

/**
 * Probe timings in seconds. Defaults are documented per probe kind:
 *
 * | probe | initialDelaySeconds | periodSeconds | timeoutSeconds | failureThreshold |
 * |---|---|---|---|---|
 * | startup | 0 | 5 | 3 | 30 (the app gets 150 s to start) |
 * | readiness | 0 | 5 | 3 | 3 |
 * | liveness | 0 | 10 | 3 | 3 (restart after 30 s of failure) |
 *
 * successThreshold is 1 (the API server requires 1 for liveness and startup).
 */
export interface ProbeTimings {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  /** Readiness only. @default 1 */
  readonly successThreshold?: number;
}

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

const DEFAULTS: Record<ProbeKind, Required<Omit<ProbeTimings, 'successThreshold'>>> = {
  startup: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30 },
  readiness: { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
  liveness: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
};

type Handler =
  | { readonly type: 'http'; readonly path: string; readonly port: PortRef; readonly scheme?: 'HTTP' | 'HTTPS' }
  | { readonly type: 'tcp'; readonly port: PortRef }
  | { readonly type: 'grpc'; readonly port: number; readonly service?: string }
  | { readonly type: 'exec'; readonly command: readonly string[] };

/** A liveness, readiness or startup probe: one handler plus timings. */
export class Probe {
  /** HTTP GET on a path; success is a 2xx or 3xx answer. */
  static httpGet(path: string, port: PortRef, options: ProbeTimings & { readonly scheme?: 'HTTP' | 'HTTPS' } = {}): Probe {
    return new Probe({ type: 'http', path, port, scheme: options.scheme }, options);
  }

  /** A TCP connection to the port. */
  static tcp(port: PortRef, options: ProbeTimings = {}): Probe {
    return new Probe({ type: 'tcp', port }, options);
  }

  /** The gRPC health-checking protocol; the port must be a number (the API requires it). */
  static grpc(port: number, options: ProbeTimings & { readonly service?: string } = {}): Probe {
    return new Probe({ type: 'grpc', port, service: options.service }, options);
  }

  /** A command run inside the container; exit code 0 is success. */
  static exec(command: readonly string[], options: ProbeTimings = {}): Probe {
    return new Probe({ type: 'exec', command }, options);
  }

  private constructor(readonly handler: Handler, readonly timings: ProbeTimings) {}

  /** The port the probe targets, if any (checked against the container's ports at synth). */
  get port(): PortRef | undefined {
    return this.handler.type === 'exec' ? undefined : this.handler.port;
  }

  /** @internal */
  toKube(kind: ProbeKind): k8s.Probe {
    const d = DEFAULTS[kind];
    const t = this.timings;
    const port = (p: PortRef) => (typeof p === 'number' ? k8s.IntOrString.fromNumber(p) : k8s.IntOrString.fromString(p));
    const h = this.handler;
    return {
      httpGet: h.type === 'http' ? { path: h.path, port: port(h.port), scheme: h.scheme } : undefined,
      tcpSocket: h.type === 'tcp' ? { port: port(h.port) } : undefined,
      grpc: h.type === 'grpc' ? { port: h.port, service: h.service } : undefined,
      exec: h.type === 'exec' ? { command: [...h.command] } : undefined,
      initialDelaySeconds: t.initialDelaySeconds ?? d.initialDelaySeconds,
      periodSeconds: t.periodSeconds ?? d.periodSeconds,
      timeoutSeconds: t.timeoutSeconds ?? d.timeoutSeconds,
      failureThreshold: t.failureThreshold ?? d.failureThreshold,
      successThreshold: kind === 'readiness' ? t.successThreshold ?? 1 : 1,
    };
  }
}
