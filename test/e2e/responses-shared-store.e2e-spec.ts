import OpenAI from 'openai';
import { MockUpstream } from '../support/mock-upstream.server';
import { startGateway, StartedGateway } from '../support/gateway.harness';
import { createPostgresDatabase, type TestDatabase } from '../support/test-database';

/** Two replicas on one PostgreSQL: a response stored by one is continued, read and deleted through the other. */
describe('Responses stored in PostgreSQL, shared by two gateway instances', () => {
  const upstream = new MockUpstream();
  let db: TestDatabase;
  let a: StartedGateway;
  let b: StartedGateway;

  beforeAll(async () => {
    await upstream.start();
    db = await createPostgresDatabase('responses_shared');
    const config = {
      model_list: [{ model_name: 'bridged', litellm_params: { model: 'hosted_vllm/llama-3', api_base: upstream.url } }],
      router_settings: { num_retries: 0, cooldown_time: 0 },
      general_settings: { ...db.settings },
    };
    a = await startGateway(config);
    b = await startGateway(config);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await upstream.stop();
    await db?.drop();
  });

  it('previous_response_id made on instance A continues on instance B, for the same key only', async () => {
    const first = await a.client('sk-caller-a').responses.create({ model: 'bridged', input: 'My name is Ada.' });
    const second = await b.client('sk-caller-a').responses.create({ model: 'bridged', input: 'What is my name?', previous_response_id: first.id });
    expect(second.previous_response_id).toBe(first.id);
    const messages = (upstream.last()!.json as { messages: Array<{ role: string; content: unknown }> }).messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages[0].content)).toContain('My name is Ada.');

    expect((await b.client('sk-caller-a').responses.retrieve(first.id)).id).toBe(first.id);
    const other = await b.client('sk-caller-b').responses.retrieve(first.id).then(() => undefined, (e) => e);
    expect(other).toBeInstanceOf(OpenAI.NotFoundError);

    const del = await fetch(`${a.url}/v1/responses/${second.id}`, { method: 'DELETE', headers: { authorization: 'Bearer sk-caller-a' } });
    expect(del.status).toBe(200);
    const gone = await b.client('sk-caller-a').responses.retrieve(second.id).then(() => undefined, (e) => e);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
