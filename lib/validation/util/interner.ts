import { sharedString } from './values';

/**
 * One shared copy of each recent string. Findings and anchors keep paths and messages for
 * a whole run, and a 20,000-document file repeats the same few hundred of them; a string
 * built with `+=` or a template is otherwise kept as a tree of its pieces, and one cut from
 * a document's text keeps the whole text (the copy kept here is a string of its own).
 * Bounded: when full, it starts over (a file of all-different strings costs a lookup and a
 * copy each, nothing more). The copies are V8's shared ones (sharedString): a later table
 * keyed by them (the result store's) finds them by identity.
 */
export class Interner {
  private readonly known = new Map<string, string>();

  constructor(private readonly capacity = 4096) {}

  intern(s: string): string {
    const hit = this.known.get(s);
    if (hit !== undefined) return hit;
    if (this.known.size >= this.capacity) this.known.clear();
    const own = sharedString(s);
    this.known.set(own, own);
    return own;
  }
}
