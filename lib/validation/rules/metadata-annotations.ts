import { objectRule } from '../util/define-rule';
import { checkAnnotations, dig } from '../util/object-checks';

/**
 * Annotation keys must be qualified names (case-insensitive) and all keys and
 * values together at most 256 KiB, on the object and on its pod template
 * (reported at `<template>.annotations`, as ValidatePodTemplateSpec does).
 */
export default objectRule({
  id: 'metadata-annotations',
  layer: 'api-server',
  severity: 'error',
  description: 'Annotation keys must be qualified names and all annotations together at most 256 KiB.',
  fix: 'Use keys like example.com/note, and keep large data in a ConfigMap instead of annotations.',
  source: 'ValidateAnnotations in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set',
  customResources: true,
}, (ctx) => {
  const { object } = ctx.target;
  checkAnnotations(dig(object, ['metadata', 'annotations']), ['metadata', 'annotations'], ctx.report);
  for (const pod of ctx.target.pods) {
    if (!pod.template) continue;
    const tpl = pod.metadataPath.slice(0, -1);
    checkAnnotations(pod.metadata.annotations, [...tpl, 'annotations'], ctx.report);
  }
});
