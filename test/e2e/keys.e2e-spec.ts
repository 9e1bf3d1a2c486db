import OpenAI from 'openai';
import { Client } from 'pg';
import { rawPost, startGateway, type StartedGateway } from '../support/gateway.harness';
import { TEST_DATABASES, type TestDatabase } from '../support/test-database';

const MASTER = 'sk-master-keys-e2e';
const admin = { authorization: `Bearer ${MASTER}` };
const mock = (name: string) => ({ model_name: name, litellm_params: { model: `openai/${name}`, mock_response: `hello from ${name}` } });

/** Every secret a test generated: none may appear in any later answer. */
const secrets: string[] = [];

describe.each(TEST_DATABASES)('virtual keys and teams on %s', (_name, create) => {
  let db: TestDatabase;
  let gw: StartedGateway;
  const post = async (path: string, body: object, headers: Record<string, string> = admin) => rawPost(`${gw.url}${path}`, JSON.stringify(body), headers);
  const get = async (path: string, headers: Record<string, string> = admin) => {
    const res = await fetch(`${gw.url}${path}`, { headers });
    return { status: res.status, json: (await res.json()) as any };
  };
  const generate = async (body: object = {}) => {
    const res = await post('/key/generate', body);
    expect(res.status).toBe(200);
    secrets.push(res.json.key);
    return res.json;
  };
  const chat = (key: string, model = 'alpha', extra: object = {}) =>
    gw.client(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra } as any);
  const failure = async (p: Promise<unknown>) => {
    const err = (await p.then(() => undefined, (e) => e)) as InstanceType<typeof OpenAI.APIError> | undefined;
    expect(err).toBeInstanceOf(OpenAI.APIError);
    return { status: err!.status, code: (err!.error as any)?.code, param: (err!.error as any)?.param };
  };

  beforeAll(async () => {
    db = await create('keys');
    gw = await startGateway({
      model_list: [mock('alpha'), mock('beta'), mock('gamma')],
      general_settings: { master_key: MASTER, allow_client_side_credentials: true, ...db.settings },
    });
    // The embedded database opens on first use, which takes seconds: not inside a test's time.
    expect((await get('/team/list')).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await gw?.close();
    await db?.drop();
  });

  it('generates an sk- key shown once, stored only as its SHA-256 token', async () => {
    const created = await generate({ key_alias: 'svc-a', models: ['alpha'], max_budget: 10, budget_duration: '30d', rpm_limit: 60, metadata: { owner: 'x' } });
    expect(created.key).toMatch(/^sk-[A-Za-z0-9_-]{32,}$/);
    expect(created.token).toMatch(/^[0-9a-f]{64}$/);
    expect(created.key_name).toBe(`sk-…${created.key.slice(-4)}`);
    expect(created).toMatchObject({ key_alias: 'svc-a', models: ['alpha'], max_budget: 10, budget_duration: '30d', rpm_limit: 60, spend: 0, blocked: false, expires: null });
    const answer = await chat(created.key);
    expect(answer.choices[0].message.content).toBe('hello from alpha');
  });

  it('refuses bad bodies with a 400 naming the field, and duplicate aliases', async () => {
    for (const [body, param] of [
      [{ duration: '3 weeks' }, 'duration'],
      [{ budget_duration: '1w' }, 'budget_duration'],
      [{ models: 'alpha' }, 'models'],
      [{ rpm_limit: -1 }, 'rpm_limit'],
      [{ max_parallel_requests: 1.5 }, 'max_parallel_requests'],
      [{ metadata: [1] }, 'metadata'],
      [{ team_id: 'no-such-team' }, 'team_id'],
      [{ key_alias: 'svc-a' }, 'key_alias'],
    ] as const) {
      const res = await post('/key/generate', body);
      expect([res.status, res.json.error.param]).toEqual([400, param]);
      expect(res.json.error.type).toBe('invalid_request_error');
    }
    const bad = await post('/key/update', { rpm_limit: 1 });
    expect([bad.status, bad.json.error.param]).toEqual([400, 'key']);
  });

  it('lets a key call only its models, intersected with its team’s, and lists only those', async () => {
    const team = (await post('/team/new', { team_alias: 'search', models: ['alpha', 'beta'], max_budget: 100 })).json;
    expect(team).toMatchObject({ team_alias: 'search', models: ['alpha', 'beta'], spend: 0 });
    const inTeam = await generate({ team_id: team.team_id, models: ['beta', 'gamma'] });
    expect((await chat(inTeam.key, 'beta')).choices[0].message.content).toBe('hello from beta');
    expect(await failure(chat(inTeam.key, 'gamma'))).toEqual({ status: 403, code: 'model_not_allowed', param: 'model' });
    expect(await failure(chat(inTeam.key, 'alpha'))).toEqual({ status: 403, code: 'model_not_allowed', param: 'model' });
    const listed = await gw.client(inTeam.key).models.list();
    expect(listed.data.map((m) => m.id)).toEqual(['beta']);
    const teamOnly = await generate({ team_id: team.team_id });
    expect((await gw.client(teamOnly.key).models.list()).data.map((m) => m.id).sort()).toEqual(['alpha', 'beta']);
    const open = await generate({});
    expect((await gw.client(open.key).models.list()).data.map((m) => m.id).sort()).toEqual(['alpha', 'beta', 'gamma']);

    const info = await get(`/team/info?team_id=${team.team_id}`);
    expect(info.json.team_info).toMatchObject({ team_id: team.team_id, team_alias: 'search' });
    expect(info.json.keys.map((k: any) => k.token).sort()).toEqual([inTeam.token, teamOnly.token].sort());
  });

  it('expires a key after its duration (401 key_expired)', async () => {
    const k = await generate({ duration: '1s' });
    expect(new Date(k.expires).getTime()).toBeGreaterThan(Date.now() - 1000);
    await chat(k.key);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await failure(chat(k.key))).toMatchObject({ status: 401, code: 'key_expired' });
  });

  it('blocks and unblocks a key (401 key_blocked)', async () => {
    const k = await generate({ key_alias: 'to-block' });
    await chat(k.key);
    expect((await post('/key/block', { key: k.key })).json.blocked).toBe(true);
    expect(await failure(chat(k.key))).toMatchObject({ status: 401, code: 'key_blocked' });
    expect((await post('/key/unblock', { key: k.token })).json.blocked).toBe(false);
    await chat(k.key);
    expect((await post('/key/update', { key: k.token, blocked: true })).json.blocked).toBe(true);
    expect(await failure(chat(k.key))).toMatchObject({ status: 401, code: 'key_blocked' });
  });

  it('updates limits and models, effective at once', async () => {
    const k = await generate({ models: ['alpha'] });
    await chat(k.key, 'alpha');
    const updated = (await post('/key/update', { key: k.key, models: ['gamma'], tpm_limit: 1000, duration: '7d' })).json;
    expect(updated).toMatchObject({ token: k.token, models: ['gamma'], tpm_limit: 1000 });
    expect(new Date(updated.expires).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await failure(chat(k.key, 'alpha'))).toMatchObject({ status: 403, code: 'model_not_allowed' });
    await chat(k.key, 'gamma');
  });

  it('regenerates a key: the old secret stops working, the record stays', async () => {
    const k = await generate({ key_alias: 'rotating', models: ['alpha'], rpm_limit: 7 });
    await chat(k.key);
    const fresh = (await post('/key/regenerate', { key: k.key })).json;
    secrets.push(fresh.key);
    expect(fresh.key).not.toBe(k.key);
    expect(fresh).toMatchObject({ key_alias: 'rotating', models: ['alpha'], rpm_limit: 7 });
    expect(fresh.token).not.toBe(k.token);
    expect(await failure(chat(k.key))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    await chat(fresh.key);
    const again = (await post(`/key/${fresh.token}/regenerate`, {})).json;
    secrets.push(again.key);
    expect(await failure(chat(fresh.key))).toMatchObject({ status: 401 });
    await chat(again.key);
  });

  it('deletes keys by key or alias (then 401)', async () => {
    const a = await generate({ key_alias: 'del-a' });
    const b = await generate({ key_alias: 'del-b' });
    await chat(a.key);
    await chat(b.key);
    expect((await post('/key/delete', { keys: [a.key] })).json).toEqual({ deleted_keys: [a.token] });
    expect((await post('/key/delete', { key_aliases: ['del-b'] })).json).toEqual({ deleted_keys: [b.token] });
    expect(await failure(chat(a.key))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(await failure(chat(b.key))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((await post('/key/delete', { keys: [a.key] })).status).toBe(404);
  });

  it('deleting a team makes its keys stop working', async () => {
    const team = (await post('/team/new', { team_id: 'doomed', team_alias: 'doomed' })).json;
    const k = await generate({ team_id: team.team_id });
    await chat(k.key);
    expect((await post('/team/delete', { team_ids: ['doomed'] })).json).toEqual({ deleted_teams: ['doomed'] });
    expect(await failure(chat(k.key))).toMatchObject({ status: 401 });
    expect((await get('/team/info?team_id=doomed')).status).toBe(404);
  });

  it('blocking or updating a team applies to its keys at once', async () => {
    const team = (await post('/team/new', { team_alias: 'switchable' })).json;
    const k = await generate({ team_id: team.team_id });
    await chat(k.key, 'gamma');
    await post('/team/update', { team_id: team.team_id, models: ['alpha'] });
    expect(await failure(chat(k.key, 'gamma'))).toMatchObject({ status: 403, code: 'model_not_allowed' });
    await post('/team/update', { team_id: team.team_id, blocked: true });
    expect(await failure(chat(k.key, 'alpha'))).toMatchObject({ status: 401, code: 'key_blocked' });
  });

  it('lets a key read its own /key/info, and nothing else of the admin API', async () => {
    const k = await generate({ key_alias: 'self-reader' });
    const other = await generate({});
    const own = await get('/key/info', { authorization: `Bearer ${k.key}` });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ key: k.token, info: { key_alias: 'self-reader', spend: 0 } });
    expect((await get(`/key/info?key=${other.token}`, { authorization: `Bearer ${k.key}` })).status).toBe(403);
    expect((await get(`/key/info?key=${k.token}`, { authorization: `Bearer ${k.key}` })).json.info.key_alias).toBe('self-reader');
    expect((await get('/key/list', { authorization: `Bearer ${k.key}` })).status).toBe(403);
    expect((await post('/key/generate', {}, { authorization: `Bearer ${k.key}` })).status).toBe(403);
    expect((await get('/team/list', { authorization: `Bearer ${k.key}` })).status).toBe(403);
    expect((await get(`/key/info?key=${other.token}`)).json.info.token).toBe(other.token);
  });

  it('lists keys with filters and pages', async () => {
    const team = (await post('/team/new', { team_alias: 'paged' })).json;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await generate({ team_id: team.team_id, key_alias: `paged-${i}` }));
    const page1 = (await get(`/key/list?team_id=${team.team_id}&page=1&size=2`)).json;
    expect(page1).toMatchObject({ total_count: 5, current_page: 1, total_pages: 3 });
    expect(page1.keys).toHaveLength(2);
    const all = [];
    for (let page = 1; page <= 3; page++) all.push(...(await get(`/key/list?team_id=${team.team_id}&page=${page}&size=2`)).json.keys);
    expect(all.sort()).toEqual(made.map((m) => m.token).sort());
    const full = (await get(`/key/list?key_alias=paged-3&return_full_object=true`)).json;
    expect(full.keys).toEqual([expect.objectContaining({ key_alias: 'paged-3', token: made[3].token })]);
    const bad = await get('/key/list?size=0');
    expect([bad.status, bad.json.error.param]).toEqual([400, 'size']);
    expect((await get('/team/list')).json.map((t: any) => t.team_id)).toContain(team.team_id);
  });

  it('lets a virtual key use client-side api_base / user_config only when its metadata allows it', async () => {
    const plain = await generate({});
    const trusted = await generate({ metadata: { allow_client_side_credentials: true } });
    const userConfig = { model_list: [mock('own')] };
    expect(await failure(chat(plain.key, 'own', { user_config: userConfig }))).toMatchObject({ status: 403, code: 'client_side_credentials_not_allowed', param: 'user_config' });
    expect(await failure(chat(plain.key, 'alpha', { api_base: 'http://127.0.0.1:9/v1' }))).toMatchObject({ status: 403, code: 'client_side_credentials_not_allowed', param: 'api_base' });
    expect((await chat(trusted.key, 'own', { user_config: userConfig })).choices[0].message.content).toBe('hello from own');
  });

  it('refuses unknown keys, and the master key still works', async () => {
    expect(await failure(chat('sk-' + 'x'.repeat(40)))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(await failure(chat('sk-short'))).toMatchObject({ status: 401, code: 'invalid_api_key' });
    await chat(MASTER);
  });

  it('shows no key after generation: not in any answer, nor in the database', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const pages = [
      JSON.stringify((await get('/key/list?return_full_object=true&size=1000')).json),
      JSON.stringify((await get('/team/list')).json),
      await (await fetch(`${gw.url}/admin`, { headers: admin })).text(),
    ];
    for (const t of (await get('/team/list')).json) pages.push(JSON.stringify((await get(`/team/info?team_id=${t.team_id}`)).json));
    for (const secret of secrets) for (const page of pages) expect(page).not.toContain(secret);
    if (db.kind === 'postgres') {
      const client = new Client({ connectionString: (db.settings as { database_url: string }).database_url });
      await client.connect();
      const dump = JSON.stringify((await client.query('select * from gateway_keys')).rows);
      await client.end();
      expect(dump.length).toBeGreaterThan(1000);
      for (const secret of secrets) expect(dump).not.toContain(secret);
    }
  });
});

describe('key routes without a master key', () => {
  it('are off', async () => {
    const gw = await startGateway({ model_list: [mock('alpha')] });
    try {
      const res = await rawPost(`${gw.url}/key/generate`, '{}');
      expect(res.status).toBe(403);
      expect((await fetch(`${gw.url}/team/list`)).status).toBe(403);
      expect((await fetch(`${gw.url}/key/info`)).status).toBe(403);
    } finally {
      await gw.close();
    }
  });
});
