import { GatewayConfigService } from '../../config/gateway-config.service';
import { parseConfig } from '../../config/config.loader';
import type { LogDestination } from '../observability.di-tokens';

/** A config service from YAML, as the app would build it. */
export function configFrom(yaml: string, env: NodeJS.ProcessEnv = {}): GatewayConfigService {
  return new GatewayConfigService(parseConfig(yaml, 'test.yaml', { env }));
}

/** A log destination that keeps every JSON line it is given. */
export class CapturedLines implements LogDestination {
  readonly text: string[] = [];

  write(text: string): void {
    this.text.push(text);
  }

  get lines(): Array<Record<string, any>> {
    return this.text
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  }
}

/** Polls until `check` is true (a condition, not a timing assertion). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
