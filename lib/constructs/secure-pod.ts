import { Construct } from 'constructs';
import { BasePod, BasePodProps } from './base-pod';

/** Props of a SecurePod. */
export interface SecurePodProps extends BasePodProps {}

/**
 * A Pod that passes a Pod Security Standards level by construction: `restricted`
 * unless `security.level` says `baseline` or `privileged`. Every container, init
 * container and sidecar, including those added later, gets the level's defaults
 * (see SecurityLevel for the table) and is checked against the level at once; a prop
 * or call that would break it throws, naming the construct path, container and field.
 *
 * @example
 * new SecurePod(chart, 'web', {
 *   containers: [{ image: 'nginxinc/nginx-unprivileged:1.27', ports: [8080] }],
 * });
 */
export class SecurePod extends BasePod {
  constructor(scope: Construct, id: string, props: SecurePodProps = {}) {
    super(scope, id, 'SecurePod', props);
  }
}
