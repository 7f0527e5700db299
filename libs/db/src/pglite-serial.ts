import { EventEmitter } from 'node:events';

type Callback = (error: unknown, result: unknown) => void;

/** The pg-style pool typeorm-pglite hands TypeORM: every connection is the same single PGlite session. */
interface SessionPool extends EventEmitter {
  connect(callback: (error: unknown, client: unknown, done: () => void) => void): unknown;
  query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown>;
  end(callback: (error: unknown) => void): void;
}

const BEGIN = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;
const END = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * typeorm-pglite runs every query through one PGlite session, so two
 * concurrent transactions interleave in one: a unique violation or a thrown
 * refusal in one rolls back the other's statements too (a vote could then
 * commit without its spent tag). This pool gives each TypeORM query runner
 * its own lease and lets one lease at a time hold a transaction (from
 * START TRANSACTION to COMMIT or ROLLBACK, or its release); others wait their
 * turn. Queries outside a transaction are not held back (they never were
 * isolated on PGlite), so a query made outside the transaction's own manager
 * cannot deadlock against it. PostgreSQL (DATABASE_URL) does not use this.
 */
export function serializedPGlitePool(Inner: new (...args: unknown[]) => SessionPool) {
  return class SerializedPGlitePool extends EventEmitter {
    private readonly inner: SessionPool;
    private tail: Promise<void> = Promise.resolve();

    constructor(...args: unknown[]) {
      super();
      this.inner = new Inner(...args);
      this.inner.on('error', (error) => this.emit('error', error));
    }

    /** Waits for the transaction slot; resolves with its release. */
    lock(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const turn = this.tail.then(() => release);
      this.tail = this.tail.then(() => held);
      return turn;
    }

    connect(callback: (error: unknown, client: unknown, done: () => void) => void): void {
      void this.inner.connect((error, _client, done) => {
        if (error) return callback(error, null, done);
        const lease = new Lease(this, this.inner);
        callback(null, lease, () => {
          lease.unlock();
          done();
        });
      });
    }

    query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
      return this.inner.query(sql, params, callback);
    }

    end(callback: (error: unknown) => void): void {
      this.inner.end(callback);
    }
  };
}

class Lease extends EventEmitter {
  private release: (() => void) | undefined;

  constructor(
    private readonly pool: { lock(): Promise<() => void> },
    private readonly session: SessionPool,
  ) {
    super();
  }

  async query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
    if (typeof sql === 'string' && BEGIN.test(sql) && !this.release) this.release = await this.pool.lock();
    let ended = false;
    try {
      const result = await this.session.query(sql, params, callback);
      ended = typeof sql === 'string' && END.test(sql);
      return result;
    } catch (error) {
      // A failed BEGIN holds nothing; a failed COMMIT/ROLLBACK leaves no transaction either.
      ended = typeof sql === 'string' && (BEGIN.test(sql) || END.test(sql));
      throw error;
    } finally {
      if (ended) this.unlock();
    }
  }

  unlock(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
