/** A virtual key as the gateway holds it (SPEC 11): never the key itself, only its SHA-256 `token`. */
export interface VirtualKeyRecord {
  readonly token: string;
  readonly key_name: string;
  readonly key_alias: string | null;
  readonly team_id: string | null;
  readonly user_id: string | null;
  /** Model names the key may call; empty means all. */
  readonly models: readonly string[];
  readonly max_budget: number | null;
  readonly budget_duration: string | null;
  readonly budget_reset_at: Date | null;
  readonly spend: number;
  readonly rpm_limit: number | null;
  readonly tpm_limit: number | null;
  readonly max_parallel_requests: number | null;
  readonly expires: Date | null;
  readonly blocked: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: Date;
  readonly updated_at: Date;
}

export interface TeamRecord {
  readonly team_id: string;
  readonly team_alias: string | null;
  /** Model names the team's keys may call; empty means all. */
  readonly models: readonly string[];
  readonly max_budget: number | null;
  readonly budget_duration: string | null;
  readonly budget_reset_at: Date | null;
  readonly spend: number;
  readonly rpm_limit: number | null;
  readonly tpm_limit: number | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly blocked: boolean;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** Who is calling, as the auth guard found out. */
export interface Caller {
  /** The master key, a virtual key, or nobody (no master key configured: the gateway is open). */
  readonly kind: 'master' | 'virtual' | 'open';
  readonly key?: VirtualKeyRecord;
  readonly team?: TeamRecord | null;
}
