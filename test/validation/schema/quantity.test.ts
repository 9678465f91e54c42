import { QUANTITY_FORMAT_MESSAGE, QUANTITY_SUFFIX_MESSAGE, quantityError } from '../../../lib/validation/schema/quantity';

test.each(['0', '1', '100m', '0.5', '.5', '1.', '-1', '+2', '128Mi', '1Gi', '2Ei', '1k', '1M', '5n', '3u', '1e3', '1E-3', '12E', ' 1Gi '])('valid quantity %j', (q) => {
  expect(quantityError(q)).toBeUndefined();
});

// parseQuantityString: characters outside the grammar are ErrFormatWrong.
test.each(['', '   ', '1 core', '1Gb', 'abc', '1.2.3', '1KiB', '1e3.5'])('format error %j', (q) => {
  expect(quantityError(q)).toBe(QUANTITY_FORMAT_MESSAGE);
});

// In the grammar, but the suffix is none of the known ones: ErrSuffix.
test.each(['1iK', '1mi', '1ki', '1e', '1e+', '--1', 'Gi1'])('suffix error %j', (q) => {
  expect(quantityError(q)).toBe(QUANTITY_SUFFIX_MESSAGE);
});
