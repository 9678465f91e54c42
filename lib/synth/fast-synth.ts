/**
 * The fast synth path of PodwrightApp (see bench/README.md for the figures).
 *
 * cdk8s's App.synth() asks every ApiObject for its JSON (`toJson()`, which resolves
 * every Lazy) and writes it with the `yaml` package's serializer; PodwrightApp's
 * validation asked for the same JSON once more before that. For the duration of one
 * synth, `fastSynth` makes each ApiObject compute its JSON once (the validation and
 * the writer share it) and makes cdk8s's `Yaml.save` write with the byte-identical
 * emitter of ./yaml-emitter. Everything else (chart order, file names, document
 * separators, validations) stays cdk8s's own code. Both changes are undone when the
 * synth returns or throws; synth is synchronous, so nothing else observes them.
 * Construct validations are likewise computed once per construct per synth.
 *
 * Only for the default output type (FILE_PER_CHART); other output types, and
 * `PODWRIGHT_SYNTH_WRITER=cdk8s` in the environment, use cdk8s unchanged.
 */
import * as fs from 'fs';
import { ApiObject, App, Yaml, YamlOutputType } from 'cdk8s';
import { Node } from 'constructs';
import { writeDocuments } from './yaml-emitter';

/** Set `PODWRIGHT_SYNTH_WRITER=cdk8s` to write with cdk8s's own serializer (the reference). */
export const SYNTH_WRITER_ENV = 'PODWRIGHT_SYNTH_WRITER';

/** Whether `fastSynth` changes anything for this app. */
export function fastSynthApplies(app: App): boolean {
  return app.yamlOutputType === YamlOutputType.FILE_PER_CHART && process.env[SYNTH_WRITER_ENV] !== 'cdk8s';
}

/** Runs `synth` with JSON computed once per ApiObject and the fast YAML writer. */
export function fastSynth<T>(app: App, synth: () => T): T {
  if (!fastSynthApplies(app)) return synth();
  const all = app.node.findAll();
  const objects = all.filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const shadowed: ApiObject[] = [];
  // cdk8s validates the whole app in App.synth() and again inside every chart.toJson();
  // the tree does not change during synth, so each construct validates once.
  const validated: Node[] = [];
  for (const c of all) {
    const node = c.node;
    if (Object.prototype.hasOwnProperty.call(node, 'validate')) continue;
    const compute = node.validate;
    let errors: string[] | undefined;
    Object.defineProperty(node, 'validate', {
      configurable: true,
      writable: true,
      value: function validateOnce(this: Node) {
        errors ??= compute.call(this);
        return errors;
      },
    });
    validated.push(node);
  }
  const yaml = Yaml as unknown as { save: typeof Yaml.save };
  const originalSave = yaml.save;
  try {
    for (const o of objects) {
      if (Object.prototype.hasOwnProperty.call(o, 'toJson')) continue; // someone else's override: leave it alone
      const compute = o.toJson;
      let json: unknown;
      let done = false;
      Object.defineProperty(o, 'toJson', {
        configurable: true,
        writable: true,
        value: function toJsonOnce(this: ApiObject) {
          if (!done) {
            json = compute.call(this);
            done = true;
          }
          return json;
        },
      });
      shadowed.push(o);
    }
    yaml.save = (filePath: string, docs: unknown[]) => {
      const fd = fs.openSync(filePath, 'w');
      try {
        writeDocuments(fd, docs);
      } finally {
        fs.closeSync(fd);
      }
    };
    return synth();
  } finally {
    yaml.save = originalSave;
    for (const o of shadowed) delete (o as unknown as { toJson?: unknown }).toJson;
    for (const n of validated) delete (n as unknown as { validate?: unknown }).validate;
  }
}
