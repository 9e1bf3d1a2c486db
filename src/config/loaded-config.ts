import type { Deployment } from '../deployments/deployment';
import type { GeneralSettingsSchema } from './schema/general-settings.schema';
import type { LitellmSettingsSchema } from './schema/litellm-settings.schema';
import type { SinkSchema } from './schema/logging-settings.schema';
import type { RouterSettingsSchema } from './schema/router-settings.schema';

/** The validated config, ready to serve: what the rest of the gateway reads. */
export interface LoadedConfig {
  /** The file it came from (for messages and reloads). */
  readonly file: string;
  readonly deployments: readonly Deployment[];
  readonly router: RouterSettingsSchema;
  readonly general: GeneralSettingsSchema;
  readonly litellm: LitellmSettingsSchema;
  readonly logging: { readonly redactContent: boolean; readonly sinks: readonly SinkSchema[]; readonly level?: string; readonly maxEventStringLength?: number };
  /** The gateway key, if any (from general_settings.master_key or GATEWAY_MASTER_KEY). */
  readonly masterKey?: string;
  /** Things an operator should know but that do not stop the gateway. */
  readonly warnings: readonly string[];
}
