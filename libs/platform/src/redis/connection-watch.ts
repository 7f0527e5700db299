import type { Logger } from '@nestjs/common';
import { safeError } from '../logging/safe-error.js';

interface Emitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * One log line when a Redis connection goes down and one when it is back, instead of an unhandled 'error' event
 * (a multi-line stack trace per reconnect attempt). The line names the connection, the error class and code only.
 */
export function watchConnection(client: Emitter, name: string, logger: Pick<Logger, 'warn' | 'log'>): void {
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ connection: name, err: safeError(err) }, 'Redis connection lost; retrying');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log({ connection: name }, 'Redis connection back');
  });
}
