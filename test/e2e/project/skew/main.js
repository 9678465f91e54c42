// Run from a project whose cdk8s and constructs are another copy than podwright's.
const { ApiObject, Chart, JsonPatch } = require('cdk8s');
const { PodwrightApp, ReplicatedApp } = require('podwright');

const app = new PodwrightApp();
const web = new ReplicatedApp(new Chart(app, 'skew'), 'web', { image: 'registry.example.com/web:1.0.0', ports: [{ number: 8080, name: 'http' }] });
const deployment = web.node.findAll().find((c) => ApiObject.isApiObject(c) && c.kind === 'Deployment');
deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
app.synth();
