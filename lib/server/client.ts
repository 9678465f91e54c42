import { Agent, request as httpsRequest } from 'node:https';

/** What the server answered to one request. */
export interface ServerResponse {
  /** HTTP status code. */
  readonly status: number;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
  /** The text of each `Warning` header, in order (the server's admission and validation warnings). */
  readonly warnings: readonly string[];
}

/** Where and how to reach one API server. */
export interface Endpoint {
  /** e.g. `https://127.0.0.1:6443` */
  readonly url: string;
  /** Bearer token, if any. */
  readonly token?: string;
  /** PEM certificate authority to trust; without it, the server's certificate is not verified. */
  readonly ca?: string | Buffer;
  /** Client certificate and key (PEM), for kubeconfig users that authenticate by certificate. */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
}

/**
 * A warning header is `299 - "text"` (RFC 7234 5.5; the API server always uses code 299 and
 * agent `-`: k8s.io/apiserver/pkg/endpoints/handlers/... warning.go). Returns the text, unquoted.
 */
export function parseWarningHeader(value: string): string {
  const m = /^\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(value.trim());
  if (!m) return value.trim();
  return (m[1] ?? '').replace(/\\(.)/g, '$1');
}

/** A small JSON-over-HTTPS client for the Kubernetes API (no kubectl, no dependencies). */
export class KubeClient {
  private readonly agent: Agent;

  constructor(readonly endpoint: Endpoint) {
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: endpoint.ca,
      cert: endpoint.cert,
      key: endpoint.key,
      rejectUnauthorized: endpoint.ca !== undefined,
    });
  }

  /** Sends one request; `body` is sent as JSON. Never throws for an HTTP error status; rejects on network errors. */
  request(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ServerResponse> {
    const url = new URL(path, this.endpoint.url);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { Accept: 'application/json' };
    if (this.endpoint.token) headers.Authorization = `Bearer ${this.endpoint.token}`;
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method, headers, agent: this.agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON (e.g. /readyz answers "ok")
          }
          const warnings: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            if (res.rawHeaders[i]?.toLowerCase() === 'warning') warnings.push(parseWarningHeader(res.rawHeaders[i + 1] ?? ''));
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Closes idle connections (so the process can exit). */
  close(): void {
    this.agent.destroy();
  }
}
