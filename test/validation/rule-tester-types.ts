export type { Finding, ObjectInput, Rule } from '../../lib/validation/types';
export type PodwrightConfigLike = Record<string, unknown>;
