import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileSinkSchema } from '../../config/schema/logging-settings.schema';
import type { CallEvent } from '../events/call-event';
import { eventJson } from '../events/event-json';
import type { EventSink } from './event-sink.interface';

const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_FILES = 5;

/**
 * Events appended as JSON lines. When the file would pass `max_bytes`, it is
 * rotated: `path` → `path.1` → `path.2` … up to `max_files` rotated files
 * (the oldest is deleted). The runner's one-send-at-a-time rule makes this
 * the file's only writer in the process.
 */
export class FileSink implements EventSink {
  private readonly path: string;
  private readonly maxBytes: number;
  private readonly maxFiles: number;
  /** Bytes in `path`, read once from disk, then tracked. */
  private size?: number;

  constructor(
    readonly name: string,
    config: FileSinkSchema,
  ) {
    this.path = config.path;
    this.maxBytes = config.max_bytes ?? DEFAULT_MAX_BYTES;
    this.maxFiles = config.max_files ?? DEFAULT_MAX_FILES;
  }

  async send(batch: CallEvent[]): Promise<void> {
    let text = '';
    for (const event of batch) text += eventJson(event) + '\n';
    const bytes = Buffer.byteLength(text);
    const size = await this.currentSize();
    if (size > 0 && size + bytes > this.maxBytes) await this.rotate();
    await appendFile(this.path, text, 'utf8');
    this.size = (this.size ?? 0) + bytes;
  }

  private async currentSize(): Promise<number> {
    if (this.size === undefined) {
      await mkdir(dirname(this.path), { recursive: true });
      try {
        this.size = (await stat(this.path)).size;
      } catch {
        this.size = 0;
      }
    }
    return this.size;
  }

  private async rotate(): Promise<void> {
    await rm(`${this.path}.${this.maxFiles}`, { force: true });
    for (let i = this.maxFiles - 1; i >= 1; i--) {
      await rename(`${this.path}.${i}`, `${this.path}.${i + 1}`).catch(ignoreMissing);
    }
    await rename(this.path, `${this.path}.1`).catch(ignoreMissing);
    this.size = 0;
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
