import { k8s } from 'cdk8s-plus-28';
import { PortRef } from './probe';

type Action =
  | { readonly type: 'exec'; readonly command: readonly string[] }
  | { readonly type: 'http'; readonly path: string; readonly port: PortRef; readonly scheme?: 'HTTP' | 'HTTPS'; readonly host?: string };

/**
 * What a lifecycle hook runs: a command in the container, or an HTTP GET against it.
 *
 * There is no TCP handler on purpose: the API keeps `lifecycle.*.tcpSocket` only for
 * backward compatibility, does not validate it, and the hook fails at runtime ("TCPSocket
 * is NOT supported as a LifecycleHandler", k8s.io/api core/v1 LifecycleHandler, 1.28).
 * The `sleep` handler needs Kubernetes 1.29+ (PodLifecycleSleepAction); on 1.28 use
 * `exec(['sleep', '5'])` or the container's `preStopSleepSeconds`.
 */
export class LifecycleHandler {
  /** A command run inside the container (not in a shell unless you call one). */
  static exec(command: readonly string[]): LifecycleHandler {
    return new LifecycleHandler({ type: 'exec', command });
  }

  /** An HTTP GET against the container (or `host`); the hook fails on an answer outside 2xx/3xx. */
  static httpGet(path: string, port: PortRef, options: { readonly scheme?: 'HTTP' | 'HTTPS'; readonly host?: string } = {}): LifecycleHandler {
    return new LifecycleHandler({ type: 'http', path, port, scheme: options.scheme, host: options.host });
  }

  private constructor(private readonly action: Action) {}

  /** The port the hook targets, if any. */
  get port(): PortRef | undefined {
    return this.action.type === 'http' ? this.action.port : undefined;
  }

  /** @internal */
  toKube(): k8s.LifecycleHandler {
    const a = this.action;
    if (a.type === 'exec') return { exec: { command: [...a.command] } };
    const port = typeof a.port === 'number' ? k8s.IntOrString.fromNumber(a.port) : k8s.IntOrString.fromString(a.port);
    return { httpGet: { path: a.path, port, scheme: a.scheme, host: a.host } };
  }
}

/** A container's lifecycle hooks. */
export interface LifecycleOptions {
  /**
   * Runs right after the container is created, alongside its entrypoint (not before it);
   * the container is not Running until the hook returns, and is killed if the hook fails.
   * @default - none
   */
  readonly postStart?: LifecycleHandler;
  /**
   * Runs before the container gets SIGTERM, within terminationGracePeriodSeconds (drain
   * connections, deregister). Not together with preStopSleepSeconds.
   * @default - none (or the preStopSleepSeconds sleep)
   */
  readonly preStop?: LifecycleHandler;
}
