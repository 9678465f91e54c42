/**
 * podwright's jest matchers, for teams that test their own constructs with
 * podwright's engine. Import from the `podwright/jest` subpath:
 *
 * ```ts
 * import { podwrightMatchers } from 'podwright/jest';
 * expect.extend(podwrightMatchers);
 * ```
 */
export { podwrightMatchers, createPodwrightMatchers, MatcherOptions, check, Checkable, ViolationQuery } from './matchers';
