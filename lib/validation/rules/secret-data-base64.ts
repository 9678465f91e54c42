import { objectRule } from '../util/define-rule';
import { asObject, field } from '../util/values';
import { mapKey } from '../util/path';

const ALPHABET = /[A-Za-z0-9+/]/;

/**
 * The offset Go's base64.StdEncoding.Decode reports for invalid input (a port of
 * decodeQuantum in Go's src/encoding/base64/base64.go: CR and LF are skipped, padding
 * is required), or undefined when the input decodes.
 */
export function base64ErrorOffset(text: string): number | undefined {
  const src = Buffer.from(text, 'utf8');
  const isNewline = (b: number | undefined) => b === 0x0a || b === 0x0d;
  let si = 0;
  while (si < src.length) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j; // a short final quantum: padding is required
      }
      const c = src[si]!;
      si++;
      if (c < 0x80 && ALPHABET.test(String.fromCharCode(c))) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d /* = */) return si - 1;
      if (j < 2) return si - 1; // padding too early
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return src.length; // not enough padding
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? si : undefined; // trailing garbage after padding
    }
  }
  return undefined;
}

/**
 * Secret `data` values are base64. The API server decodes them while reading the
 * request (Go's encoding/json for []byte, base64.StdEncoding) and refuses the whole
 * object: `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at
 * input byte N`.
 */
export default objectRule({
  id: 'secret-data-base64',
  layer: 'schema',
  severity: 'error',
  description: 'Secret data values must be standard base64 (with padding).',
  fix: 'Encode the value with base64 (for example `base64 -w0 file`), or put the plain text under stringData instead.',
  source: 'encoding/json []byte decoding with base64.StdEncoding (Go), as used by the API server\'s decoder (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data',
  kinds: ['Secret'],
}, (ctx) => {
  const data = asObject(field(ctx.target.object, 'data'));
  if (!data) return;
  for (const key of Object.keys(data)) {
    const value = field(data, key);
    if (typeof value !== 'string') continue;
    const offset = base64ErrorOffset(value);
    if (offset !== undefined) ctx.report({ path: ['data', mapKey(key)], message: `illegal base64 data at input byte ${offset}` });
  }
});
