import { upperBound } from '../../../lib/validation/util/sorted';

test('upperBound counts the values <= x, as a linear count does', () => {
  const lists = [[], [0], [0, 5], [0, 5, 5, 9], [1, 2, 3, 10, 20, 20, 20, 31]];
  for (const list of lists) {
    for (let x = -2; x <= 33; x++) expect([list, x, upperBound(list, x)]).toEqual([list, x, list.filter((v) => v <= x).length]);
  }
});
