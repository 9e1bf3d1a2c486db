import { lookup } from 'node:dns/promises';
import { InvalidRequestError, PermissionDeniedError } from '../../common/errors';
import { GatewayConfigService } from '../../config/gateway-config.service';
import type { LoadedConfig } from '../../config/loaded-config';
import type { GeneralSettingsSchema } from '../../config/schema/general-settings.schema';
import { UserConfigRouterCache } from './user-config-router.cache';

jest.mock('node:dns/promises', () => ({ lookup: jest.fn() }));
const mockedLookup = lookup as unknown as jest.Mock;

function cacheWith(general: GeneralSettingsSchema): UserConfigRouterCache {
  const config: LoadedConfig = {
    file: 'test.yaml',
    deployments: [],
    router: {},
    general,
    litellm: {},
    logging: { redactContent: false, sinks: [] },
    warnings: [],
  };
  return new UserConfigRouterCache(new GatewayConfigService(config));
}

/** The client-usage page's example (SPEC 6), with its bases on hosts the test allows. */
function seedExample(apiBase = 'https://my-azure.openai.azure.com'): Record<string, unknown> {
  return {
    model_list: [
      {
        model_name: 'user-azure-instance',
        litellm_params: { model: 'azure/chatgpt-v-2', api_key: 'sk-user-azure', api_version: '2024-02-01', api_base: apiBase, timeout: 10 },
        tpm: 240000,
        rpm: 1800,
      },
      {
        model_name: 'user-openai-instance',
        litellm_params: { model: 'gpt-3.5-turbo', api_key: 'sk-user-openai', timeout: 10 },
        tpm: 240000,
        rpm: 1800,
      },
    ],
    num_retries: 2,
    allowed_fails: 3,
    fallbacks: [{ 'user-azure-instance': ['user-openai-instance'] }],
  };
}

async function failure(p: Promise<unknown>): Promise<InvalidRequestError & { param: string }> {
  try {
    await p;
  } catch (e) {
    return e as InvalidRequestError & { param: string };
  }
  throw new Error('expected a refusal');
}

const allowed = { allow_client_side_credentials: true };
const mocked = (i: number) => ({ model_list: [{ model_name: `m${i}`, litellm_params: { model: 'openai/x', mock_response: `hi ${i}` } }] });

beforeEach(() => {
  mockedLookup.mockReset();
  mockedLookup.mockResolvedValue([{ address: '20.1.2.3', family: 4 }]);
});

describe('UserConfigRouterCache', () => {
  it('refuses user_config (403) unless allow_client_side_credentials is true', async () => {
    const e = await failure(cacheWith({}).tableFor(seedExample()));
    expect(e).toBeInstanceOf(PermissionDeniedError);
    expect(e).toMatchObject({ status: 403, param: 'user_config', code: 'client_side_credentials_not_allowed' });
  });

  it("builds the client-usage example: two models, its fallbacks and retries, limits beside litellm_params", async () => {
    const table = await cacheWith(allowed).tableFor(seedExample());
    expect(table.modelNames).toEqual(['user-azure-instance', 'user-openai-instance']);
    const [azure] = table.deployments('user-azure-instance')!;
    expect(azure).toMatchObject({ provider: 'azure', upstreamModel: 'chatgpt-v-2' });
    expect(azure.params).toMatchObject({ rpm: 1800, tpm: 240000, timeout: 10, api_version: '2024-02-01' });
    expect(table.deployments('user-openai-instance')![0].provider).toBe('openai');
    expect(table.policy).toMatchObject({ numRetries: 2, allowedFails: 3 });
    expect(table.policy.fallbacks.get('user-azure-instance')).toEqual(['user-openai-instance']);
  });

  it('gives user deployments ids of their own, never a gateway deployment id', async () => {
    const table = await cacheWith(allowed).tableFor(seedExample());
    for (const d of table.groups.values()) for (const x of d) expect(x.id).toMatch(/^uc-[0-9a-f]{8}-/);
  });

  it('reuses the router for an identical user_config, so cooldowns carry across calls', async () => {
    const cache = cacheWith(allowed);
    const first = await cache.tableFor(seedExample());
    expect(await cache.tableFor(seedExample())).toBe(first);
    const other = seedExample();
    (other as { num_retries: number }).num_retries = 1;
    expect(await cache.tableFor(other)).not.toBe(first);
  });

  it('keeps at most 100 routers, evicting the least recently used', async () => {
    const cache = cacheWith(allowed);
    const kept = await cache.tableFor(mocked(0));
    const evicted = await cache.tableFor(mocked(1));
    for (let i = 2; i <= 100; i++) {
      await cache.tableFor(mocked(i));
      if (i % 10 === 0) await cache.tableFor(mocked(0)); // keep m0 recently used
    }
    expect(await cache.tableFor(mocked(0))).toBe(kept);
    expect(await cache.tableFor(mocked(1))).not.toBe(evicted);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing model_list', { num_retries: 1 }, 'user_config.model_list'],
    ['an empty model_list', { model_list: [] }, 'user_config.model_list'],
    ['a missing litellm_params.model', { model_list: [{ model_name: 'x', litellm_params: {} }] }, 'user_config.model_list[0].litellm_params.model'],
    ['a bad second entry', { model_list: [mocked(0).model_list[0], { model_name: 'y', litellm_params: { model: 5 } }] }, 'user_config.model_list[1].litellm_params.model'],
    ['a missing model_name', { model_list: [{ litellm_params: { model: 'openai/x' } }] }, 'user_config.model_list[0].model_name'],
    ['a non-integer num_retries', { ...mocked(0), num_retries: 'two' }, 'user_config.num_retries'],
    ['a bad fallbacks shape', { ...mocked(0), fallbacks: ['m0'] }, 'user_config.fallbacks'],
    ['an unknown routing_strategy', { ...mocked(0), routing_strategy: 'round-robin' }, 'user_config.routing_strategy'],
    ['an unknown provider', { model_list: [{ model_name: 'x', litellm_params: { model: 'acme/x' } }] }, 'user_config.model_list[0].litellm_params.model'],
  ])('400 naming the field for %s', async (_name, userConfig, param) => {
    const e = await failure(cacheWith(allowed).tableFor(userConfig));
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect(e.param).toBe(param);
    expect(e.message).toContain(`'${param}'`);
  });

  it('never quotes a key it refuses', async () => {
    const e = await failure(cacheWith(allowed).tableFor({ model_list: [{ model_name: 'x', litellm_params: { model: 'openai/x', api_key: 12345678 } }] }));
    expect(e.param).toBe('user_config.model_list[0].litellm_params.api_key');
    expect(e.message).not.toContain('12345678');
  });

  it('requires its own credentials for providers that would otherwise use the gateway environment', async () => {
    const e = await failure(cacheWith(allowed).tableFor({ model_list: [{ model_name: 'g', litellm_params: { model: 'gemini/gemini-1.5-pro' } }] }));
    expect(e.param).toBe('user_config.model_list[0].litellm_params.api_key');
    const b = await failure(cacheWith(allowed).tableFor({ model_list: [{ model_name: 'b', litellm_params: { model: 'bedrock/anthropic.claude', aws_access_key_id: 'AKIA' } }] }));
    expect(b.param).toBe('user_config.model_list[0].litellm_params.aws_secret_access_key');
  });

  it('checks every api_base like a per-request one: metadata addresses, names resolving there, the allowlist', async () => {
    const cache = cacheWith({ ...allowed, client_side_api_base_allowlist: ['*.openai.azure.com'] });
    const meta = await failure(cache.tableFor(seedExample('http://169.254.169.254/v1')));
    expect(meta).toBeInstanceOf(PermissionDeniedError);
    expect(meta.param).toBe('user_config.model_list[0].litellm_params.api_base');
    const off = await failure(cache.tableFor(seedExample('https://evil.example.com')));
    expect(off.message).toContain('client_side_api_base_allowlist');
    mockedLookup.mockResolvedValue([{ address: '169.254.169.254', family: 4 }]);
    const rebinding = await failure(cache.tableFor(seedExample('https://metadata.openai.azure.com')));
    expect(rebinding.message).toContain('metadata address');
    const bedrock = await failure(
      cache.tableFor({ model_list: [{ model_name: 'b', litellm_params: { model: 'bedrock/x', aws_access_key_id: 'a', aws_secret_access_key: 's', aws_bedrock_runtime_endpoint: 'http://[fd00:ec2::254]' } }] }),
    );
    expect(bedrock.param).toBe('user_config.model_list[0].litellm_params.aws_bedrock_runtime_endpoint');
  });

  it('caps num_retries, per-deployment timeout and the router timeout', async () => {
    const table = await cacheWith(allowed).tableFor({
      model_list: [{ model_name: 'x', litellm_params: { model: 'openai/x', mock_response: 'hi', timeout: 100000 } }],
      num_retries: 50,
      timeout: 100000,
    });
    expect(table.policy.numRetries).toBe(5);
    expect(table.policy.overallTimeoutMs).toBe(600_000);
    expect(table.deployments('x')![0].params.timeout).toBe(600);
  });

  it('does not read the gateway environment from a user_config (os.environ/ stays a literal)', async () => {
    process.env.UC_SPEC_SECRET = 'gateway-secret-value';
    const table = await cacheWith(allowed).tableFor({ model_list: [{ model_name: 'x', litellm_params: { model: 'openai/x', api_key: 'os.environ/UC_SPEC_SECRET' } }] });
    expect(JSON.stringify([...table.groups.values()])).not.toContain('gateway-secret-value');
    delete process.env.UC_SPEC_SECRET;
  });
});
