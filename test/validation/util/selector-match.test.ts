import { LabelPairIndex } from '../../../lib/validation/util/selector-match';

describe('LabelPairIndex', () => {
  const index = new LabelPairIndex<string>();
  index.add('web', { app: 'web', tier: 'front' });
  index.add('api', { app: 'api', tier: 'front' });
  index.add('bare', {});

  test('candidatesForAll takes the rarest pair of the selector', () => {
    expect(index.candidatesForAll({ tier: 'front', app: 'web' })).toEqual(['web']);
    expect(index.candidatesForAll({ tier: 'front' })).toEqual(['web', 'api']);
    expect(index.candidatesForAll({ app: 'none' })).toEqual([]);
  });

  test('candidatesForAny includes unkeyed items once', () => {
    expect(index.candidatesForAny({ app: 'web', tier: 'front' }).sort()).toEqual(['api', 'bare', 'web']);
    expect(index.candidatesForAny({ other: 'x' })).toEqual(['bare']);
  });
});
