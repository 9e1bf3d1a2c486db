import { GatewayError } from './gateway-error';

/** 429 `insufficient_quota` / `budget_exceeded`: a key's or team's budget is spent (SPEC 5, 11). */
export class BudgetExceededError extends GatewayError {
  readonly status: number = 429;
  readonly type = 'insufficient_quota' as const;
}
