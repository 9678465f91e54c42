import { Testing } from 'cdk8s';
import { podwrightMatchers } from 'podwright/jest';
import { breakFrontend, PodsChart, WorkloadsChart } from './charts';

expect.extend(podwrightMatchers);

describe('the app with podwright/jest', () => {
  test('pods pass restricted', () => {
    const chart = new PodsChart(Testing.app(), 'pods');
    expect(chart).toHaveNoViolations();
    expect(chart).toPassPodSecurity('restricted');
  });

  test('hostNetwork through an escape hatch is found', () => {
    const chart = new WorkloadsChart(Testing.app(), 'workloads');
    breakFrontend(chart);
    expect(chart).toHaveViolation('pss-host-namespaces', { path: 'spec.template.spec.hostNetwork' });
    expect(chart).not.toPassPodSecurity('restricted');
  });
});
