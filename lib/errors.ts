import { IConstruct } from 'constructs';

/**
 * An error in a construct's props or calls, thrown at once: `SecurePod 'app/web': <what is
 * wrong>; <how to fix it>.`, naming the construct type and its path, so the message says
 * where to look. A `PodwrightApp` prints one that goes uncaught as a linter line (see
 * `exitQuietlyOnConstructError`), without a stack trace.
 */
export class ConstructError extends Error {
  /** The construct path, e.g. `app/web`. */
  readonly constructPath: string;

  constructor(constructPath: string, message: string) {
    super(message);
    this.name = 'ConstructError';
    this.constructPath = constructPath;
  }
}

/** A construct error naming the construct type and its path. */
export function constructError(scope: IConstruct, type: string, message: string): ConstructError {
  return new ConstructError(scope.node.path, `${type} '${scope.node.path}': ${message}`);
}
