import { parseFieldPath } from '../../../lib/server/field-path';
import { formatPath } from '../../../lib/validation/util/path';

describe('parseFieldPath (the server\'s field.Path strings)', () => {
  test.each([
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', { mapKey: 'app.kubernetes.io/name' }]],
    ['spec.containers[0].resources.limits[cpu]', ['spec', 'containers', 0, 'resources', 'limits', { mapKey: 'cpu' }]],
    ['spec.volumes[0].flexVolume.options[kubernetes.io/x]', ['spec', 'volumes', 0, 'flexVolume', 'options', { mapKey: 'kubernetes.io/x' }]],
    ['metadata.name', ['metadata', 'name']],
    ['', []],
  ])('%s', (text, path) => {
    expect(parseFieldPath(text)).toEqual(path);
    expect(formatPath(parseFieldPath(text))).toBe(text);
  });
});
