import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired } from '../util/k8s-names';
import { checkNonNegative, dig } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { checkJobSpecCommon } from '../util/workload-checks';

// ---------------------------------------------------------------------------
// cron.ParseStandard of github.com/robfig/cron/v3 (what v1.28 validates with):
// five fields (minute hour day-of-month month day-of-week) or a descriptor.

interface Bounds { readonly min: number; readonly max: number; readonly names?: Readonly<Record<string, number>> }
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Go's strconv.Atoi, with its error text. */
function atoi(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new Error(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Readonly<Record<string, number>>): number {
  const lower = expr.toLowerCase();
  if (names && Object.prototype.hasOwnProperty.call(names, lower)) return names[lower]!;
  return atoi(expr);
}

function checkRange(expr: string, r: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]!);
    if (lowAndHigh.length === 1) end = r.max; // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) {
    throw new Error(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new Error(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new Error(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new Error(`step of range should be a positive number: ${expr}`);
}

const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$/;

/** Returns robfig/cron's error for a schedule, or undefined when it parses (the CronJob construct checks its schedule with it at once). */
export function cronError(schedule: string): string | undefined {
  let spec = schedule;
  try {
    if (spec.length === 0) throw new Error('empty spec string');
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const i = spec.indexOf(' ');
      const eq = spec.indexOf('=');
      const zone = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
      const zoneErr = timeZoneLoadError(zone);
      if (zoneErr) throw new Error(`provided bad location ${zone}: ${zoneErr}`);
      spec = i < 0 ? '' : spec.slice(i).trim();
    }
    if (spec.startsWith('@')) {
      if (DESCRIPTORS.has(spec)) return undefined;
      if (spec.startsWith('@every ')) {
        const d = spec.slice('@every '.length);
        if (d !== '0' && !GO_DURATION.test(d)) throw new Error(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(d)}`);
        return undefined;
      }
      throw new Error(`unrecognized descriptor: ${spec}`);
    }
    const fields = spec.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    fields.forEach((f, idx) => {
      for (const expr of f.split(',').filter((e) => e !== '')) checkRange(expr, FIELDS[idx]!);
    });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** time.LoadLocation's verdict, approximated with the ICU time zone database of Node. */
function timeZoneLoadError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

// validateTimeZone (v1.28): IANA naming rules, no `Local`, and a zone the tz database knows.
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** The API server's errors for a `timeZone` (empty when valid). */
export function timeZoneErrors(tz: string): string[] {
  if (tz.length === 0) return ['timeZone must be nil or non-empty string'];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) return [`unknown time zone ${tz}`];
  }
  const errs: string[] = [];
  if (tz.toLowerCase() === 'local') errs.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  const loadErr = tz === 'Local' ? undefined : timeZoneLoadError(tz);
  if (loadErr) errs.push(loadErr);
  return errs;
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

export default objectRule({
  id: 'cronjob-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A CronJob spec must pass the API server: a standard cron schedule without TZ=, a known timeZone, concurrencyPolicy, and a valid job template.',
  fix: 'Use a five-field schedule (minute hour day-of-month month day-of-week) or a macro like @hourly, put the zone in spec.timeZone, and give the job template restartPolicy OnFailure or Never.',
  source: 'ValidateCronJobCreate, validateCronJobSpec, validateScheduleFormat, validateTimeZone, ValidateJobTemplateSpec in pkg/apis/batch/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax',
  kinds: ['CronJob'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const report = ctx.report;

  const schedule = field(spec, 'schedule');
  if (schedule === undefined || schedule === null || schedule === '') {
    report({ path: ['spec', 'schedule'], message: fieldRequired() });
  } else if (typeof schedule === 'string') {
    const err = cronError(schedule);
    if (err) report({ path: ['spec', 'schedule'], message: fieldInvalid(schedule, err) });
    if (schedule.includes('TZ')) {
      report({ path: ['spec', 'schedule'], message: fieldInvalid(schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead') });
    }
  }

  checkNonNegative(field(spec, 'startingDeadlineSeconds'), ['spec', 'startingDeadlineSeconds'], report);
  const tz = field(spec, 'timeZone');
  if (typeof tz === 'string') {
    for (const msg of timeZoneErrors(tz)) report({ path: ['spec', 'timeZone'], message: fieldInvalid(tz, msg) });
  }

  const cp = field(spec, 'concurrencyPolicy');
  if (typeof cp === 'string' && cp !== '' && !CONCURRENCY.includes(cp)) {
    report({ path: ['spec', 'concurrencyPolicy'], message: fieldNotSupported(cp, CONCURRENCY) });
  }

  const jobSpec = asObject(dig(spec, ['jobTemplate', 'spec']));
  if (jobSpec) {
    const base = ['spec', 'jobTemplate', 'spec'];
    checkJobSpecCommon(jobSpec, base, report, true);
    const selector = field(jobSpec, 'selector');
    if (selector !== undefined && selector !== null) {
      report({ path: [...base, 'selector'], message: fieldInvalid(selector, '`selector` will be auto-generated') });
    }
    if (field(jobSpec, 'manualSelector') === true) {
      report({ path: [...base, 'manualSelector'], message: fieldNotSupported(true, ['nil', 'false']) });
    }
  }

  checkNonNegative(field(spec, 'successfulJobsHistoryLimit'), ['spec', 'successfulJobsHistoryLimit'], report);
  checkNonNegative(field(spec, 'failedJobsHistoryLimit'), ['spec', 'failedJobsHistoryLimit'], report);
});
