/**
 * The example apps: `npm run synth` (cdk8s synth) renders each chart into dist/.
 */
import { PodwrightApp } from '../lib';
import { CombinedPodChart } from './combined';
import { MultiContainerChart, MyPodChart, NginxChart, SecurePodChart, SharedStorageChart } from './seed';
import { addReplicatedExamples } from './replicated';
import { addStaticExamples } from './static';
import { addBatchExamples } from './batch';
import { addMixedExample } from './mixed';

const app = new PodwrightApp();
new NginxChart(app, 'seed-nginx');
new MultiContainerChart(app, 'seed-multi-container-pod');
new SharedStorageChart(app, 'seed-shared-storage-pod');
new MyPodChart(app, 'seed-my-pod');
new SecurePodChart(app, 'seed-secure-pod');
new CombinedPodChart(app, 'combined-pod');
addStaticExamples(app);
addReplicatedExamples(app);
addBatchExamples(app);
addMixedExample(app);
app.synth();
