import { compileRule } from '../../../lib/validation/cel/program';

/**
 * The examples of the Kubernetes CEL quantity library's documentation
 * (k8s.io/apiserver/pkg/cel/library/quantity.go, the doc comment of Quantity()), each
 * with the result it states. A v1.28 server has no quantity library to ask.
 */
const TRUE = [
  "isQuantity('1.3G')", "isQuantity('1.3Gi')", "!isQuantity('1,3G')", "isQuantity('10000k')", "!isQuantity('200K')", "!isQuantity('Three')", "!isQuantity('Mi')",
  "quantity('50000000G').isInteger()", "quantity('50k').isInteger()", "!quantity('9999999999999999999999999999999999999G').isInteger()",
  "quantity('50k').asInteger() == 50000", "quantity('50k').sub(20000).asApproximateFloat() == 30000.0",
  "quantity('50k').add(quantity('20k')) == quantity('70k')", "quantity('50k').add(20) == quantity('50020')",
  "quantity('50k').sub(quantity('20k')) == quantity('30k')", "quantity('50k').sub(20000) == quantity('30k')",
  "quantity('50k').add(20).sub(quantity('100k')).sub(-50000) == quantity('20')",
  "quantity('200M').compareTo(quantity('0.2G')) == 0", "quantity('50M').compareTo(quantity('50Mi')) == -1", "quantity('50Mi').compareTo(quantity('50M')) == 1",
  "quantity('150Mi').isGreaterThan(quantity('100Mi'))", "!quantity('50Mi').isGreaterThan(quantity('100Mi'))",
  "quantity('50M').isLessThan(quantity('100M'))", "!quantity('100M').isLessThan(quantity('50M'))",
  "quantity('-1').sign() == -1 && quantity('0').sign() == 0 && quantity('1m').sign() == 1",
];

test.each(TRUE)('%s', (rule) => {
  const r = compileRule({ rule });
  expect(r.state).toBe('ready');
  if (r.state === 'ready') expect(r.run(null)).toEqual({ ok: true });
});

test('errors as the library gives them: asInteger out of range, an invalid quantity', () => {
  const big = compileRule({ rule: "quantity('9999999999999999999999999999999999999G').asInteger() > 0" });
  expect(big.state === 'ready' && big.run(null)).toEqual({ ok: 'error', why: 'cannot convert value to integer' });
  const bad = compileRule({ rule: "quantity('200K').sign() == 1" });
  expect(bad.state === 'ready' && bad.run(null)).toMatchObject({ ok: 'error' });
});
