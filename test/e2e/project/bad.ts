// The same app with a restricted Deployment patched with hostNetwork: synth must fail.
import { PodwrightApp } from 'podwright';
import { breakFrontend, PodsChart, WorkloadsChart } from './charts';

const app = new PodwrightApp();
new PodsChart(app, 'pods');
breakFrontend(new WorkloadsChart(app, 'workloads'));
app.synth();
