import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_FILE_NAME, ConfigError, PodwrightConfig, ResolvedConfig, resolveConfig } from './config';
import { loadPlugin, RulePlugin } from './plugins';
import { RULES } from './rules';
import { CDK8S_CONFIG_FILE, cdk8sImportFiles, loadCrdFiles } from './schema/crd-files';

/** A configuration read from disk, with its folders made absolute. */
export interface LoadedConfig {
  readonly config: ResolvedConfig;
  /** The file it came from; undefined when none was found and defaults apply. */
  readonly file?: string;
  /** `staticPodDirs`, resolved against the config file's folder (or `cwd` without a file). */
  readonly staticPodDirs: readonly string[];
}

export interface LoadConfigOptions {
  /** An explicit file (`--config FILE`); it must exist. @default - look for podwright.config.json in `cwd` */
  readonly file?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Every registered rule id, to catch typos. @default the ids of RULES */
  readonly ruleIds?: readonly string[];
  /** Rule packages loaded after the file's own `plugins`. @default [] */
  readonly plugins?: readonly RulePlugin[];
}

/**
 * Loads podwright.config.json: the file named by `--config`, else the one in the
 * working folder, else defaults. Throws ConfigError (with the file name) for a
 * missing explicit file, bad JSON or a bad setting.
 */
export function loadConfigFile(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const ruleIds = options.ruleIds ?? RULES.map((r) => r.meta.id);
  let file: string | undefined;
  if (options.file !== undefined) {
    file = path.resolve(cwd, options.file);
    if (!fs.existsSync(file)) throw new ConfigError(`${options.file}: no such configuration file.`);
  } else {
    const candidate = path.join(cwd, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) file = candidate;
  }
  if (file === undefined) {
    const config = withCrds(resolveConfig(withPlugins({}, options.plugins), ruleIds, CONFIG_FILE_NAME, cwd), cwd, CONFIG_FILE_NAME);
    return { config, staticPodDirs: config.staticPodDirs.map((d) => path.resolve(cwd, d)) };
  }
  const shown = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${shown}: cannot read the configuration: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
  const base = path.dirname(file);
  const config = withCrds(resolveConfig(withPlugins(raw, options.plugins), ruleIds, shown, base), base, shown);
  return { config, file, staticPodDirs: config.staticPodDirs.map((d) => path.resolve(base, d)) };
}

/**
 * The one way every surface turns what it was given into a configuration: a path to a
 * configuration file, an inline configuration (whose `plugins` paths resolve from
 * `cwd`), or nothing (podwright.config.json in `cwd`, else defaults).
 * @param where names an inline configuration in error messages, e.g. `PodwrightApp config`
 */
export function loadConfig(
  config: string | PodwrightConfig | undefined, where: string, cwd = process.cwd(), plugins: readonly (string | RulePlugin)[] = [],
): LoadedConfig {
  // Packages given beside the configuration (PodwrightApp's `plugins`) resolve from `cwd`.
  const extra = plugins.map((p, i) => {
    if (typeof p !== 'string') return p;
    try {
      return loadPlugin(p, cwd, `${where}: plugins[${i}]`);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
  });
  if (typeof config === 'object') {
    const resolved = withCrds(resolveConfig(withPlugins(config, extra), RULES.map((r) => r.meta.id), where, cwd), cwd, where);
    return { config: resolved, staticPodDirs: resolved.staticPodDirs.map((d) => path.resolve(cwd, d)) };
  }
  return loadConfigFile({ file: config, cwd, plugins: extra });
}

/** The raw configuration with more packages after its own `plugins` (left alone when there are none, so its errors stay its own). */
function withPlugins(raw: unknown, plugins: readonly RulePlugin[] | undefined): unknown {
  if (!plugins || plugins.length === 0 || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const own = (raw as { plugins?: unknown }).plugins;
  return { ...raw, plugins: [...(Array.isArray(own) ? own : own === undefined ? [] : [own]), ...plugins] };
}

/**
 * The configuration with its CRDs read: the files and folders of `crds` (relative to
 * `base`, the config file's folder) and the local files under `imports:` of the
 * cdk8s.yaml in `base`, if any. For configurations given as objects (PodwrightApp's
 * `config`, the plugin's `settings`), with `base` the working folder.
 */
export function withCrds(config: ResolvedConfig, base: string, shown: string): ResolvedConfig {
  const cdk8sYaml = path.join(base, CDK8S_CONFIG_FILE);
  const imported = fs.existsSync(cdk8sYaml) ? cdk8sImportFiles(cdk8sYaml) : [];
  if (config.crds.length === 0 && imported.length === 0) return config;
  const registry = loadCrdFiles(config.crds, base, `${shown}: crds`);
  // An import that holds no CRD (a plain manifest) is cdk8s's business, not an error here.
  for (const f of imported) {
    try {
      loadCrdFiles([f], base, `${CDK8S_CONFIG_FILE}: imports`, registry);
    } catch (e) {
      if (!(e instanceof ConfigError) || !e.message.includes('no CustomResourceDefinition')) throw e;
    }
  }
  return { ...config, crdRegistry: registry };
}
