/** What routing knows of one deployment right now. */
export interface DeploymentState {
  /** Epoch ms until which the deployment is out; 0 when it is not cooling down. */
  cooldownUntil: number;
  /** Requests and tokens in the current one-minute window. */
  rpm: number;
  tpm: number;
  inFlight: number;
  /** Failures in the last minute. */
  recentFailures: number;
  /** Recent latency in ms (time to first token for streams); undefined before any sample. */
  latencyMs?: number;
  p50?: number;
  p95?: number;
}

export const EMPTY_STATE: Readonly<DeploymentState> = Object.freeze({ cooldownUntil: 0, rpm: 0, tpm: 0, inFlight: 0, recentFailures: 0 });

/**
 * Where routing keeps its counters: in memory by default, in Redis when
 * replicas must share them. Every method is one round trip at most.
 */
export interface RouterStateStore {
  snapshot(ids: readonly string[], now: number): Promise<Map<string, DeploymentState>>;
  /** A call starts: counts toward rpm and in-flight. */
  beginRequest(id: string, now: number): Promise<void>;
  /** A call ends: in-flight down; latency and tokens recorded when known. */
  endRequest(id: string, outcome: { latencyMs?: number; tokens?: number }, now: number): Promise<void>;
  /** Adds tokens to the minute's tpm (e.g. when a stream's usage arrives). */
  addTokens(id: string, tokens: number, now: number): Promise<void>;
  /** Records a failure and returns how many there were in the last `windowMs`. */
  recordFailure(id: string, now: number, windowMs: number): Promise<number>;
  setCooldown(id: string, until: number, now: number): Promise<void>;
}

export const ROUTER_STATE_STORE = Symbol('ROUTER_STATE_STORE');
