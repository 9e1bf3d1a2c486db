import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '../events/call-event';
import { FileSink } from './file.sink';

const ev = (id: number): CallEvent => ({ request_id: `r${id}`, pad: 'x'.repeat(80) }) as unknown as CallEvent;
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).request_id);

describe('FileSink', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'file-sink-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the directories and appends JSON lines', async () => {
    const path = join(dir, 'nested', 'deeper', 'requests.jsonl');
    const sink = new FileSink('file', { type: 'file', path });
    await sink.send([ev(1), ev(2)]);
    await sink.send([ev(3)]);
    expect(lines(path)).toEqual(['r1', 'r2', 'r3']);
  });

  it('appends to a file that already exists', async () => {
    const path = join(dir, 'requests.jsonl');
    writeFileSync(path, JSON.stringify({ request_id: 'old' }) + '\n');
    await new FileSink('file', { type: 'file', path }).send([ev(1)]);
    expect(lines(path)).toEqual(['old', 'r1']);
  });

  it('rotates by size to path.1, path.2 … and keeps at most max_files rotated files', async () => {
    const path = join(dir, 'requests.jsonl');
    const lineBytes = JSON.stringify(ev(1)).length + 1;
    // Two lines fit, the third rotates.
    const sink = new FileSink('file', { type: 'file', path, max_bytes: lineBytes * 2 + 1, max_files: 2 });
    for (let i = 1; i <= 9; i++) await sink.send([ev(i)]);

    expect(readdirSync(dir).sort()).toEqual(['requests.jsonl', 'requests.jsonl.1', 'requests.jsonl.2']);
    expect(lines(path)).toEqual(['r9']);
    expect(lines(`${path}.1`)).toEqual(['r7', 'r8']);
    expect(lines(`${path}.2`)).toEqual(['r5', 'r6']);
  });

  it('writes a batch larger than max_bytes whole, into a fresh file', async () => {
    const path = join(dir, 'requests.jsonl');
    const sink = new FileSink('file', { type: 'file', path, max_bytes: 10, max_files: 1 });
    await sink.send([ev(1)]);
    await sink.send([ev(2), ev(3)]);
    expect(lines(path)).toEqual(['r2', 'r3']);
    expect(lines(`${path}.1`)).toEqual(['r1']);
  });
});
