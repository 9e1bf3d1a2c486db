/**
 * A deployment: one way to reach a model name (one entry of `model_list`),
 * with its `litellm_params` already read from the environment.
 */

/** `litellm_params` as LiteLLM spells them. Unknown keys are kept for provider adapters. */
export interface LitellmParams {
  /** `provider/upstream-model`, e.g. `azure/my-gpt4o`; a bare name means `openai/`. */
  model: string;
  api_base?: string;
  api_key?: string;
  api_version?: string;
  organization?: string;
  /** Seconds for one upstream call. */
  timeout?: number;
  /** Seconds to the first chunk of a stream. */
  stream_timeout?: number;
  max_retries?: number;
  num_retries?: number;
  rpm?: number;
  tpm?: number;
  weight?: number;
  /** Answer locally with this text: no upstream call. */
  mock_response?: string;
  /** Drop OpenAI params the provider cannot take instead of refusing the call. */
  drop_params?: boolean;
  extra_headers?: Record<string, string>;
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  aws_session_token?: string;
  aws_region_name?: string;
  aws_bedrock_runtime_endpoint?: string;
  aws_sagemaker_runtime_endpoint?: string;
  [key: string]: unknown;
}

export interface Deployment {
  /** Stable id: `model_info.id`, or derived from the deployment's params. */
  readonly id: string;
  /** The name clients send as `model` (`model_name`). */
  readonly modelName: string;
  /** The provider prefix (`openai`, `azure`, `anthropic`, …), normalised. */
  readonly provider: string;
  /** The model name after the provider prefix, as sent upstream. */
  readonly upstreamModel: string;
  readonly params: LitellmParams;
  readonly modelInfo: Record<string, unknown>;
  /** `os.environ/NAME` references in this deployment whose variable is unset. */
  readonly missingEnv: readonly string[];
}
