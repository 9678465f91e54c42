import { objectRule } from '../util/define-rule';
import { checkLabels, dig } from '../util/object-checks';

/**
 * Label keys must be qualified names and values valid label values, on the
 * object and on its pod template. The server reports a template's labels at
 * `<template>.labels` (ValidatePodTemplateSpec uses the template's path, not
 * `.metadata`), and every error at the map's path, not the key's.
 */
export default objectRule({
  id: 'metadata-labels',
  layer: 'api-server',
  severity: 'error',
  description: 'Label keys must be qualified names and label values at most 63 characters of [A-Za-z0-9-_.].',
  fix: 'Use keys like app or example.com/app and values of at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit.',
  source: 'ValidateLabels in staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go, called by ValidateObjectMeta and ValidatePodTemplateSpec (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
  customResources: true,
}, (ctx) => {
  const { object } = ctx.target;
  checkLabels(dig(object, ['metadata', 'labels']), ['metadata', 'labels'], ctx.report);
  for (const pod of ctx.target.pods) {
    if (!pod.template) continue;
    const tpl = pod.metadataPath.slice(0, -1);
    checkLabels(pod.metadata.labels, [...tpl, 'labels'], ctx.report);
  }
});
