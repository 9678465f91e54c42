import rule from '../../../lib/validation/rules/controller-created-objects';
import { ruleTester } from '../rule-tester';
import { CONTROLLER_CASES, job, statefulSet } from '../fixtures/controller-cases';

const a = (len: number) => 'a'.repeat(len);

ruleTester(rule, {
  valid: [
    statefulSet(a(52)),
    job(a(63)),
    { name: 'an Indexed Job\'s hostname is job-spec\'s finding (ValidateJob checks it)', object: job(a(62), { completionMode: 'Indexed', completions: 10 }) },
    { name: 'an invalid own name is metadata-name\'s finding', object: statefulSet('Bad_Name') },
    ...CONTROLLER_CASES.filter((c) => !c.createdRefused && !/image/.test(c.name)).map((c) => ({ name: c.name, object: c.object })),
  ],
  invalid: [
    {
      name: 'StatefulSet named with 58 characters',
      object: statefulSet(a(58)),
      // Pod -1 is refused the same way: the first refused Pod only (the controller stops there).
      errors: [{
        path: 'metadata.name',
        message: `the StatefulSet controller would create Pod "${a(58)}-0", which the API server refuses: metadata.labels: Invalid value: "${a(58)}-5d4f6b8c7d": must be no more than 63 characters`,
      }],
    },
    {
      name: 'StatefulSet whose pod name is longer than a hostname may be',
      object: statefulSet(a(62)),
      errors: [
        { path: 'metadata.name', message: /^the StatefulSet controller would create Pod "a{62}-0", which the API server refuses: \[metadata\.labels: Invalid value: "a{62}-5d4f6b8c7d": must be no more than 63 characters, metadata\.labels: Invalid value: "a{62}-0": must be no more than 63 characters, spec\.hostname: Invalid value: "a{62}-0": must be no more than 63 characters\]$/ },
      ],
    },
    {
      name: 'Job named with 64 characters: its job-name label',
      object: job(a(64)),
      errors: [
        { path: 'metadata.name', message: /Pod "a{58}x2b7z", which the API server refuses: \[(metadata\.labels: Invalid value: "a{64}": must be no more than 63 characters(, )?){2}\]/ },
      ],
    },
  ],
});
