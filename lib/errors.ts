import { IConstruct } from 'constructs';

/**
 * Formats a construct error as `SecurePod 'app/web': <what is wrong>; <how to fix it>.`
 * naming the construct type and its path, so the message says where to look.
 */
export function constructError(scope: IConstruct, type: string, message: string): Error {
  return new Error(`${type} '${scope.node.path}': ${message}`);
}
