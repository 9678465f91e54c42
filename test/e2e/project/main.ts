import { PodwrightApp } from 'podwright';
import { addAll } from './charts';

const app = new PodwrightApp();
addAll(app);
app.synth();
