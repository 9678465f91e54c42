import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatLine } from './finding-text';

/**
 * Two copies of cdk8s in one app: the app's charts come from the app's own `cdk8s`,
 * podwright's hooks (./fast-synth.ts) from the copy podwright resolves. npm nests a
 * second copy under podwright when the versions differ. `Chart.isChart` and
 * `ApiObject.isApiObject` see every copy (cdk8s marks instances with `Symbol.for`
 * keys: cdk8s lib/chart.js, lib/api-object.js); the prototype chain tells the copy.
 */

/** Whether `c` is a chart or API object of any copy of cdk8s. */
function isCdk8sObject(c: IConstruct): boolean {
  return Chart.isChart(c) || ApiObject.isApiObject(c);
}

/** Whether `c` was made by podwright's own copy of cdk8s. */
function isOwnCopy(c: IConstruct): boolean {
  return Chart.prototype.isPrototypeOf(c) || ApiObject.prototype.isPrototypeOf(c);
}

/** The first chart or API object under `scope` made by another copy of cdk8s than podwright's, if any. */
export function foreignCdk8sObject(scope: IConstruct): IConstruct | undefined {
  return scope.node.findAll().find((c) => isCdk8sObject(c) && !isOwnCopy(c));
}

/** Every API object under `scope` (of any copy of cdk8s). */
export function apiObjectsOf(scope: IConstruct): IConstruct[] {
  return scope.node.findAll().filter((c) => ApiObject.isApiObject(c));
}

/** The note printed when the app's charts use another copy of cdk8s (in the synth's finding format). */
export function otherCopyNote(c: IConstruct): string {
  return formatLine({
    where: c.node.path,
    severity: 'info',
    message: 'comes from another copy of cdk8s than podwright\'s own (npm installs a second copy when versions differ); '
      + 'every object is validated through cdk8s\'s own writer, which is slower',
    ruleId: 'cdk8s-copies',
    fix: 'Install one copy: npm ls cdk8s constructs, align the versions with podwright\'s peer dependencies, then npm dedupe.',
  });
}
