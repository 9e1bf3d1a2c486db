import { describeDatabase, type DatabaseSettings } from './database-settings';

/** What the rest of the gateway may know about the store: which one, and whether it has been opened. */
export class DatabaseState {
  opened = false;
  readonly description: string;

  constructor(readonly settings: DatabaseSettings) {
    this.description = describeDatabase(settings);
  }

  get embedded(): boolean {
    return this.settings.kind === 'embedded';
  }
}
