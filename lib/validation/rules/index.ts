/**
 * Every rule podwright runs, in one explicit list sorted by id (model: eslint's
 * lib/rules/index.js). A new rule is a new file in this folder, named by its id,
 * plus one import and one entry here. No discovery, no side-effect registration.
 */
import { Rule } from '../types';
import documentNotObject from './document-not-object';

export const RULES: readonly Rule[] = [
  documentNotObject,
];
