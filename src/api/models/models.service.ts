import { Injectable } from '@nestjs/common';
import { RouteTableService } from '../../routing/route-table.service';
import type { Deployment } from '../../deployments/deployment';
import { modelsAllowedFor } from '../../auth/model-access';
import type { Caller } from '../../keys/keys.types';
import { secretMasker } from '../../observability/redaction/secret-masker';

/** Parameters never shown, whatever their value. */
const SECRET_PARAMS = /key|secret|token|password|credential/i;

/** litellm_params as an admin may see them: secrets removed, the rest as configured. */
export function publicParams(d: Deployment): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.params)) {
    if (v === undefined) continue;
    if (SECRET_PARAMS.test(k)) continue;
    if (k === 'extra_headers') continue; // may carry tokens
    out[k] = v;
  }
  return out;
}

@Injectable()
export class ModelsService {
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(private readonly tables: RouteTableService) {}

  /** OpenAI's list format, one entry per model name the caller may call. */
  list(caller?: Caller) {
    const allowed = modelsAllowedFor(caller);
    const names = allowed ? this.tables.current.modelNames.filter((m) => allowed.has(m)) : this.tables.current.modelNames;
    return {
      object: 'list',
      data: names.map((id) => ({ id, object: 'model', created: this.created, owned_by: 'gateway' })),
    };
  }

  /** LiteLLM's /model/info: every deployment with its params, secrets never shown. */
  info() {
    const data = [];
    for (const [modelName, deployments] of this.tables.current.groups) {
      for (const d of deployments) {
        data.push({
          model_name: modelName,
          litellm_params: publicParams(d),
          model_info: { ...d.modelInfo, id: d.id, provider: d.provider, upstream_model: d.upstreamModel, missing_env: d.missingEnv },
        });
      }
    }
    return secretMasker.redact({ data });
  }
}
