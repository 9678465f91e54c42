/**
 * The `podwright` command line: argument parsing and exit codes only. Reading,
 * checking and rendering live in lib/validation (this file must not import cdk8s,
 * so the CLI starts fast).
 *
 * Exit codes: 0 clean, 1 findings at or above the fail threshold, 2 usage or input error.
 */
import * as path from 'path';
import { ConfigError, checkLevel, ResolvedConfig, suggest } from '../validation/config';
import { loadConfigFile } from '../validation/config-file';
import { exitCodeOf, toolVersion } from '../validation/format/common';
import { jsonReportChunks } from '../validation/format/json';
import { junitChunks } from '../validation/format/junit';
import { writeChunks, writeFileAtomic } from '../validation/format/output';
import { formatRulesMarkdown, formatRulesText } from '../validation/format/rules';
import { sarifChunks } from '../validation/format/sarif';
import { textChunks, textWidth, useColor } from '../validation/format/text';
import { ruleMetasOf } from '../validation/rule-set';
import { loadCrdFiles } from '../validation/schema/crd-files';
import { CrdRegistry } from '../validation/schema/crd-registry';
import { normalizeVersion } from '../validation/util/version';
import { ObjectInput } from '../validation/types';
import { InputError, RunResult, validateFiles } from '../validation/yaml/validate-files';
import { OptionSpec, Parsed, parseArgs, UsageError } from './args';
import { tuneV8ForValidate } from './v8-tuning';

export interface CliIO {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

const MAIN_HELP = `Usage: podwright <command> [options]

Commands:
  validate [files|folders|-]  Check Kubernetes YAML against the API server's rules and Pod Security
  rules                       List every rule

Options:
  -h, --help     Show help (also: podwright <command> --help)
  --version      Show the version

Exit codes: 0 clean, 1 findings at or above the fail threshold, 2 usage or input error.
`;

const VALIDATE_HELP = `Usage: podwright validate [options] [files|folders|-]

Checks every YAML document in the given files (folders are searched for .yaml and
.yml files; - reads standard input). Without arguments, reads the current folder.

Options:
  --format text|json|sarif|junit     Report format (default: text)
  -o, --output FILE                  Write the report to FILE (atomically) instead of stdout
  --k8s-version 1.NN                 Target Kubernetes version, 1.28 to 1.33 (default: config, else 1.28)
  --pod-security LEVEL               restricted, baseline or privileged (default: config, else restricted)
  --config FILE                      Configuration file (default: ./podwright.config.json when present)
  --fail-on error|warning            Lowest severity that fails the run (default: config, else error)
  --static-pods                      Treat every input as a static Pod manifest for the kubelet
  --crd FILE|DIR                     CRDs whose schemas and CEL rules check custom resources (repeatable;
                                     CRDs in the input and config "crds" are used too)
  --server                           Also check each object against a real kube-apiserver (dry runs), started
                                     from KUBEBUILDER_ASSETS; its findings join the report (layer server)
  --server-assets DIR                The envtest assets folder for --server (holds kube-apiserver; etcd from
                                     there, TEST_ASSET_ETCD or PATH); implies --server
  --kubeconfig FILE                  Instead, dry-run each object against an existing cluster (its current
                                     context; never writes; Pod Security is what each namespace enforces)
  --verbose                          Text report: every finding with its fix, info findings, objects not checked
  --allow-empty                      Exit 0 when the input holds no Kubernetes object (default: exit 2)
  --workers N                        Worker threads that check inputs of 4 MB or more beside the main thread,
                                     0 to 16 (default: 0); the report is the same either way
  -h, --help                         Show this help

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
`;

const RULES_HELP = `Usage: podwright rules [--format text|markdown] [--config FILE]

Lists every rule with its id, layer, default severity, description and fix: podwright's
own and those of the rule packages the configuration's "plugins" loads.

Options:
  --format text|markdown   Output format (default: text; markdown is docs/rules.md)
  --config FILE            Configuration file (default: ./podwright.config.json when present)
  -h, --help               Show this help
`;

const VALIDATE_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', value: true, choices: ['text', 'json', 'sarif', 'junit'] },
  { name: 'output', short: 'o', value: true },
  { name: 'k8s-version', value: true },
  { name: 'pod-security', value: true, choices: ['restricted', 'baseline', 'privileged'] },
  { name: 'config', value: true },
  { name: 'fail-on', value: true, choices: ['error', 'warning'] },
  { name: 'static-pods' },
  { name: 'crd', value: true },
  { name: 'server' },
  { name: 'server-assets', value: true },
  { name: 'kubeconfig', value: true },
  { name: 'verbose' },
  { name: 'allow-empty' },
  { name: 'workers', value: true },
  { name: 'help', short: 'h' },
];

const RULES_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', value: true, choices: ['text', 'markdown'] },
  { name: 'config', value: true },
  { name: 'help', short: 'h' },
];

const COMMANDS = ['validate', 'rules', 'help'];

/** Runs the CLI and returns its exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') {
      io.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    if (command === 'validate') return await validateCommand(rest, io);
    if (command === 'rules') return rulesCommand(rest, io);
    const hint = suggest(command, COMMANDS);
    throw new UsageError(`podwright: unknown command "${command}"${hint ? `; did you mean "${hint}"?` : '; run `podwright --help`.'}`);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof InputError) {
      io.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function validateCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs('validate', args, VALIDATE_OPTIONS);
  if (parsed.options.help) {
    io.stdout.write(VALIDATE_HELP);
    return 0;
  }
  const restoreV8 = tuneV8ForValidate(io.env);
  try {
    return await validate(parsed, io);
  } finally {
    restoreV8();
  }
}

async function validate({ options, values, positionals }: Parsed, io: CliIO): Promise<number> {
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const loaded = loadConfigFile({ file: str('config'), cwd: io.cwd });
  let config = withOverrides(loaded.config, str('k8s-version'), str('pod-security'), str('fail-on'));
  const crdTargets = values.crd ?? [];
  if (crdTargets.length > 0) {
    config = { ...config, crdRegistry: loadCrdFiles(crdTargets, io.cwd, '--crd', new CrdRegistry(config.crdRegistry)) };
  }
  const targets = positionals.length > 0 ? positionals : ['.'];
  const format = str('format') ?? 'text';
  const serverAssets = str('server-assets');
  const kubeconfig = str('kubeconfig');
  const wantsServer = options.server === true || serverAssets !== undefined;
  if (wantsServer && kubeconfig !== undefined) throw new UsageError('podwright validate: --server and --kubeconfig exclude each other; pick one.');
  const server = wantsServer || kubeconfig !== undefined ? await serverLayer({ assetsDir: serverAssets, kubeconfig }, io) : undefined;
  const inputs: ObjectInput[] = [];
  let result = await validateFiles(targets, {
    config,
    keepAllDocuments: format === 'junit' || server !== undefined,
    staticPodDirs: loaded.staticPodDirs,
    staticPods: options['static-pods'] === true,
    cwd: io.cwd,
    stdin: io.stdin,
    ...(server ? { onInput: (input: ObjectInput) => inputs.push(input) } : {}),
    // Large inputs are checked in worker threads, which load the configuration the way it was loaded here.
    parallel: { config: { file: str('config'), cwd: io.cwd, crdFiles: crdTargets }, workers: workersOption(str('workers')) },
  });
  try {
    if (result.report.objectCount === 0 && result.report.findings.length === 0 && options['allow-empty'] !== true) {
      // `helm template ... | podwright validate -` after helm failed: say so rather than pass.
      const where = targets.map((t) => (t === '-' ? 'standard input' : t)).join(', ');
      throw new InputError(`podwright validate: no Kubernetes objects found in ${where}; check the input, or pass --allow-empty if none is expected.`);
    }
    if (server) result = await server.check(result, inputs, config, format === 'junit');
    const output = str('output');
    const color = output === undefined && useColor(io.stdout, io.env);
    // Written in pieces as they are formatted: the report is never one string in memory.
    const chunks = format === 'json' ? jsonReportChunks(result)
      : format === 'sarif' ? sarifChunks(result, { rules: ruleMetasOf(config), ruleSettings: config.rules })
        : format === 'junit' ? junitChunks(result)
          : textChunks(result, { color, verbose: options.verbose === true, width: output === undefined ? textWidth(io.stdout, io.env) : undefined });
    if (output !== undefined) {
      try {
        writeFileAtomic(path.resolve(io.cwd, output), chunks);
      } catch (e) {
        throw new InputError(`${output}: cannot write the report: ${(e as Error).message}`);
      }
    } else {
      writeChunks(io.stdout, chunks);
    }
    return exitCodeOf(result);
  } finally {
    // The run's results may have spilled to a temporary file: it goes now (the server layer's copy holds them in memory).
    result.close?.();
  }
}

/**
 * The optional server layer (lib/server), loaded only for --server or --kubeconfig so the
 * offline CLI stays fast. Missing assets or an unusable kubeconfig are usage errors (exit 2)
 * that say what to do.
 */
async function serverLayer(where: { assetsDir?: string; kubeconfig?: string }, io: CliIO) {
  const { checkInputs, serverCheckOptionsOf, withServerFindings } = await import('../server/server-layer');
  if (where.kubeconfig !== undefined) {
    const { Cluster, KubeconfigError } = await import('../server/cluster');
    const connect = () => {
      try {
        return Cluster.fromKubeconfig(path.resolve(io.cwd, where.kubeconfig!));
      } catch (e) {
        if (e instanceof KubeconfigError) throw new UsageError(`podwright validate --kubeconfig: ${e.message}`);
        throw e;
      }
    };
    const cluster = connect();
    return {
      async check(run: RunResult, inputs: readonly ObjectInput[], config: ResolvedConfig, keepAll: boolean): Promise<RunResult> {
        try {
          return withServerFindings(run, await checkInputs(cluster, inputs, serverCheckOptionsOf(config)), keepAll);
        } finally {
          cluster.close();
        }
      },
    };
  }
  const { resolveAssets, ServerAssetsError } = await import('../server/assets');
  let assets;
  try {
    assets = resolveAssets(where.assetsDir === undefined ? undefined : path.resolve(io.cwd, where.assetsDir), io.env);
  } catch (e) {
    if (e instanceof ServerAssetsError) throw new UsageError(`podwright validate --server: ${e.message}`);
    throw e;
  }
  const { ApiServer } = await import('../server/api-server');
  return {
    async check(run: RunResult, inputs: readonly ObjectInput[], config: ResolvedConfig, keepAll: boolean): Promise<RunResult> {
      const server = await ApiServer.start({ assets });
      try {
        return withServerFindings(run, await checkInputs(server, inputs, serverCheckOptionsOf(config)), keepAll);
      } finally {
        await server.stop();
      }
    },
  };
}

/** `--workers N`: 0 to 16; undefined when not given. */
function workersOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 16) throw new UsageError(`podwright validate: --workers takes a number of threads from 0 to 16, not "${value}".`);
  return Number(value);
}

function withOverrides(config: ResolvedConfig, k8sVersion?: string, podSecurity?: string, failOn?: string): ResolvedConfig {
  let version = config.settings.k8sVersion;
  if (k8sVersion !== undefined) {
    try {
      version = normalizeVersion(k8sVersion, '--k8s-version');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return {
    ...config,
    settings: {
      k8sVersion: version,
      podSecurity: podSecurity !== undefined ? checkLevel(podSecurity, '--pod-security') : config.settings.podSecurity,
    },
    failOn: failOn === 'warning' || failOn === 'error' ? failOn : config.failOn,
  };
}

function rulesCommand(args: readonly string[], io: CliIO): number {
  const { options, positionals } = parseArgs('rules', args, RULES_OPTIONS);
  if (options.help) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`podwright rules: unexpected argument "${positionals[0]}".`);
  const config = loadConfigFile({ file: typeof options.config === 'string' ? options.config : undefined, cwd: io.cwd }).config;
  const metas = ruleMetasOf(config);
  io.stdout.write(options.format === 'markdown' ? formatRulesMarkdown(metas) : formatRulesText(metas));
  return 0;
}

function processIO(): CliIO {
  return { stdout: closableOutput(process.stdout), stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/**
 * Standard output that a reader may close early (`podwright validate ... | head`): the
 * EPIPE ends the writing quietly, and the run keeps the exit code it would have had.
 */
export function closableOutput(stream: NodeJS.WriteStream): CliIO['stdout'] {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || (closed && e.code === 'ERR_STREAM_DESTROYED')) {
      closed = true;
      return;
    }
    throw e;
  });
  return {
    get isTTY() { return stream.isTTY; },
    get columns() { return stream.columns; },
    write: (s: string) => (closed ? false : stream.write(s)),
  };
}
