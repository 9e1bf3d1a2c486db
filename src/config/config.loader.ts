import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, type Problem } from '../common/validation/flatten-validation-errors';
import { parseDocument } from 'yaml';
import { PROVIDER_ADAPTERS } from '../providers';
import { buildDeployment, splitModel } from '../deployments/deployment.factory';
import type { Deployment } from '../deployments/deployment';
import { ConfigError } from './config-error';
import { resolveEnvReferences } from './env-references';
import type { LoadedConfig } from './loaded-config';
import { GatewayConfigSchema } from './schema/gateway-config.schema';
import { LangfuseSinkSchema, SINK_SCHEMAS, SINK_TYPES, SinkSchema, SinkType } from './schema/logging-settings.schema';

function validateInto<T extends object>(cls: new () => T, value: unknown, path: string, problems: Problem[]): T {
  const instance = plainToInstance(cls, value, { enableImplicitConversion: false }) as T;
  problems.push(...flattenValidationErrors(validateSync(instance, { forbidUnknownValues: false }), path));
  return instance;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
}

/** Reads, parses and validates the config file. Throws `ConfigError` with every problem it found. */
export function loadConfigFile(file: string, options: LoadOptions = {}): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [{ path: '', message: code === 'ENOENT' ? 'file not found (set CONFIG_PATH)' : `cannot be read (${code})` }]);
  }
  return parseConfig(text, file, options);
}

/** Validates config text; also used for per-request `user_config` checks and reloads. */
export function parseConfig(text: string, file: string, options: LoadOptions = {}): LoadedConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new ConfigError(file, [{ path: '', message: `YAML syntax error${at ? ` at ${at}` : ''}: ${e.message.split('\n')[0]}` }]);
  }
  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: '', message: 'expected a mapping with model_list at the top level' }]);
  }
  return buildConfig(raw as Record<string, unknown>, file, options.env ?? process.env);
}

function buildConfig(raw: Record<string, unknown>, file: string, env: NodeJS.ProcessEnv): LoadedConfig {
  const { value, missing } = resolveEnvReferences(raw, env);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const config = validateInto(GatewayConfigSchema, value, '', problems);

  const knownProviders = PROVIDER_ADAPTERS.map((a) => a.name);
  const deployments: Deployment[] = [];
  const ids = new Map<string, number>();
  (Array.isArray(config.model_list) ? config.model_list : []).forEach((entry, i) => {
    const params = entry?.litellm_params;
    if (!entry || typeof params?.model !== 'string' || !params.model) return; // already reported
    const { provider } = splitModel(params.model);
    if (params.mock_response === undefined && !knownProviders.includes(provider)) {
      problems.push({
        path: `model_list[${i}].litellm_params.model`,
        message: `unknown provider '${provider}' (expected one of ${knownProviders.join(', ')}, as "provider/model")`,
      });
      return;
    }
    const missingEnv = missing.filter((m) => m.path.startsWith(`model_list[${i}].`)).map((m) => m.variable);
    for (const variable of missingEnv) {
      warnings.push(`model_list[${i}] (${entry.model_name}): environment variable ${variable} is not set; calls to this deployment will fail until it is`);
    }
    const deployment = buildDeployment({
      model_name: entry.model_name,
      litellm_params: {
        ...params,
        rpm: params.rpm ?? entry.rpm,
        tpm: params.tpm ?? entry.tpm,
        drop_params: params.drop_params ?? config.litellm_settings?.drop_params,
      },
      model_info: entry.model_info,
      missingEnv,
    });
    const seen = ids.get(deployment.id);
    if (seen !== undefined) {
      problems.push({ path: `model_list[${i}].model_info.id`, message: `duplicate deployment id '${deployment.id}' (also model_list[${seen}])` });
    }
    ids.set(deployment.id, i);
    deployments.push(deployment);
  });
  if (deployments.length === 0 && problems.length === 0) warnings.push('model_list is empty: every model call will answer 404');

  const masterKeyRef = missing.find((m) => m.path === 'general_settings.master_key');
  if (masterKeyRef) {
    problems.push({ path: 'general_settings.master_key', message: `environment variable ${masterKeyRef.variable} is not set` });
  }

  const sinks = validateSinks(config, problems, env);
  for (const m of missing.filter((x) => x.path.startsWith('logging.') || x.path.startsWith('router_settings.'))) {
    warnings.push(`${m.path}: environment variable ${m.variable} is not set`);
  }

  if (problems.length > 0) throw new ConfigError(file, problems);

  const masterKey = config.general_settings?.master_key ?? (env.GATEWAY_MASTER_KEY || undefined);
  if (!masterKey) warnings.push('no master_key is set: the gateway serves every caller without authentication');
  return {
    file,
    deployments,
    router: config.router_settings ?? {},
    general: config.general_settings ?? {},
    litellm: config.litellm_settings ?? {},
    logging: { redactContent: config.logging?.redact_content ?? false, sinks, level: config.logging?.level, maxEventStringLength: config.logging?.max_event_string_length },
    masterKey,
    warnings,
  };
}

function validateSinks(config: GatewayConfigSchema, problems: Problem[], env: NodeJS.ProcessEnv): SinkSchema[] {
  const sinks: SinkSchema[] = [];
  const declared = Array.isArray(config.logging?.sinks) ? config.logging.sinks : [];
  declared.forEach((sink, i) => {
    const path = `logging.sinks[${i}]`;
    const type = (sink as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(SINK_TYPES as readonly string[]).includes(type)) {
      problems.push({ path: `${path}.type`, message: `expected one of ${SINK_TYPES.join(', ')}${type === undefined ? '' : ` (got ${JSON.stringify(type)})`}` });
      return;
    }
    sinks.push(validateInto(SINK_SCHEMAS[type as SinkType], sink, path, problems));
  });
  // LiteLLM's way to turn Langfuse on: litellm_settings.success_callback: ["langfuse"].
  const callbacks = [...(config.litellm_settings?.success_callback ?? []), ...(config.litellm_settings?.failure_callback ?? [])];
  if (callbacks.includes('langfuse') && !sinks.some((s) => s.type === 'langfuse')) {
    const langfuse = {
      type: 'langfuse',
      host: env.LANGFUSE_HOST ?? env.LANGFUSE_BASE_URL,
      public_key: env.LANGFUSE_PUBLIC_KEY,
      secret_key: env.LANGFUSE_SECRET_KEY,
    };
    sinks.push(validateInto(LangfuseSinkSchema, langfuse, 'litellm_settings.success_callback[langfuse]', problems));
  }
  return sinks;
}
