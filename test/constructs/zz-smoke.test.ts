import { Testing } from 'cdk8s';
import { ReplicatedApp } from '../../lib/constructs/replicated-app';
test('x', () => {
  const chart = Testing.chart();
  new ReplicatedApp(chart, 'web', { image: 'ghcr.io/acme/web:1.4.2', ports: [{ number: 8080, name: 'http' }], service: true });
  console.log(JSON.stringify(Testing.synth(chart), null, 1));
});
