/**
 * resource.Quantity syntax, as parsed by ParseQuantity / parseQuantityString in
 * k8s.io/apimachinery/pkg/api/resource/quantity.go (v1.28). Ported facts:
 *
 * - an empty string is ErrFormatWrong; Quantity.UnmarshalJSON trims spaces first
 *   and accepts a JSON number (its text is parsed the same way) and null;
 * - the scanner takes `[+-]?[0-9]*(\.[0-9]*)?`, then suffix letters from
 *   "eEinumkKMGTP", then `[+-]?[0-9]*`; anything left over is ErrFormatWrong;
 * - the suffix must then be a decimal SI suffix (n u m "" k M G T P E), a binary
 *   SI suffix (Ki Mi Gi Ti Pi Ei) or a decimal exponent (e/E and a signed
 *   integer); otherwise ErrSuffix.
 */

/** The server's message for ErrFormatWrong (splitREString in quantity.go). */
export const QUANTITY_FORMAT_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** The server's message for ErrSuffix. */
export const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";

const SCAN = /^[+-]?[0-9]*(?:\.[0-9]*)?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const EXPONENT = /^[eE][+-]?[0-9]+$/;

/** Returns undefined for a valid quantity string, else the server's error message. */
export function quantityError(raw: string): string | undefined {
  const str = raw.trim();
  if (str === '') return QUANTITY_FORMAT_MESSAGE;
  const m = SCAN.exec(str);
  if (!m) return QUANTITY_FORMAT_MESSAGE;
  const suffix = m[1] ?? '';
  if (SUFFIXES.has(suffix) || EXPONENT.test(suffix)) return undefined;
  return QUANTITY_SUFFIX_MESSAGE;
}
