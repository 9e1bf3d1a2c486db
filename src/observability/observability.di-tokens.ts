/** Where the structured logger writes (default: an asynchronous stdout destination). Tests provide a collector. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

export interface LogDestination {
  write(text: string): unknown;
  /** Writes out what is buffered, at shutdown. */
  flushSync?(): void;
}
