import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { expected, IsFallbackList, IsNumberLike } from './validators';

export const ROUTING_STRATEGIES = [
  'simple-shuffle',
  'least-busy',
  'usage-based-routing',
  'usage-based-routing-v2',
  'latency-based-routing',
] as const;
export type RoutingStrategyName = (typeof ROUTING_STRATEGIES)[number];

export type FallbackList = Array<Record<string, string[]>>;

/** `router_settings` (and the router part of a per-request `user_config`). */
export class RouterSettingsSchema {
  @IsOptional()
  @IsIn(ROUTING_STRATEGIES, { message: `expected one of ${ROUTING_STRATEGIES.join(', ')}` })
  routing_strategy?: RoutingStrategyName;

  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) num_retries?: number;
  @IsOptional() @IsInt(expected.integer) @Min(0, expected.nonNegative) allowed_fails?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) cooldown_time?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) timeout?: number;
  @IsOptional() @IsNumber({}, expected.positive) @Min(0.001, expected.positive) stream_timeout?: number;
  @IsOptional() @IsNumber({}, expected.nonNegative) @Min(0, expected.nonNegative) retry_after?: number;
  @IsOptional() @IsFallbackList() fallbacks?: FallbackList;
  @IsOptional() @IsFallbackList() context_window_fallbacks?: FallbackList;
  @IsOptional() @IsFallbackList() content_policy_fallbacks?: FallbackList;
  @IsOptional() @IsArray(expected.stringList) @IsString({ each: true, ...expected.stringList }) default_fallbacks?: string[];
  @IsOptional() @IsString(expected.string) redis_url?: string;
  @IsOptional() @IsString(expected.string) redis_host?: string;
  @IsOptional() @IsNumberLike() redis_port?: number | string;
  @IsOptional() @IsString(expected.string) redis_password?: string;
  /** Prefix of every router-state key in Redis (default `llmgw:`). */
  @IsOptional() @IsString(expected.string) redis_key_prefix?: string;
  /** Whether readiness fails while Redis is down (default true, as SPEC 2 says). */
  @IsOptional() @IsBoolean(expected.boolean) redis_required_for_readiness?: boolean;

  [key: string]: unknown;
}
