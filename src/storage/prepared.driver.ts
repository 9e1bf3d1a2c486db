import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';

/**
 * Opens the real driver on first use and prepares the database (migrations)
 * before any query runs. A failed open is torn down and retried on the next
 * query (Kysely retries `init`), so a database that was down at start-up is
 * picked up without a restart.
 */
export class PreparedDriver implements Driver {
  private inner?: Driver;

  constructor(
    private readonly open: () => Promise<Driver>,
    private readonly prepare: (driver: Driver) => Promise<void>,
    private readonly onOpened: () => void = () => undefined,
  ) {}

  async init(): Promise<void> {
    const driver = await this.open();
    try {
      await driver.init();
      await this.prepare(driver);
    } catch (err) {
      await driver.destroy().catch(() => undefined);
      throw err;
    }
    this.inner = driver;
    this.onOpened();
  }

  private get driver(): Driver {
    if (!this.inner) throw new Error('database driver used before init');
    return this.inner;
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.driver.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.driver.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.driver.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(connection);
  }

  async destroy(): Promise<void> {
    const driver = this.inner;
    this.inner = undefined;
    await driver?.destroy();
  }
}
