import { PGlite, parse, protocol } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

export interface PgliteOptions {
  /** A directory for a persistent database, or undefined for an in-memory one. */
  dataDir?: string;
  /** A tarball from `dumpDataDir()` to start from (tests clone one prepared database). */
  loadDataDir?: Blob | File;
}

/** How many statements each database keeps parsed (least recently used ones are closed beyond it). */
export const PGLITE_STATEMENT_CACHE = 256;

/** SQLSTATE of "cached plan must not change result type": a table under a kept statement changed shape. */
const PLAN_CHANGED_RESULT = '0A000';

const planChangedResult = (error: unknown) =>
  (error as { code?: string }).code === PLAN_CHANGED_RESULT &&
  /cached plan must not change result type/.test(String((error as { message?: string }).message));

/** Statements of a script that cannot change the shape of a table a kept statement reads. */
const KEEPS_SHAPES =
  /^\s*(truncate|alter\s+sequence|set|reset|notify|select|insert|update|delete|begin|commit|rollback)\b/i;
/** Whether a script may change tables' shapes (then every kept statement is parsed again). */
const mayChangeShapes = (script: string) =>
  script
    .split(';')
    .filter((statement) => statement.trim() !== '')
    .some((statement) => !KEEPS_SHAPES.test(statement));

const frame = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

interface Statement {
  name: string;
  /** The type of each parameter, as the server inferred it (how each value is serialized). */
  types: number[];
}

/**
 * Statements kept parsed, by SQL text. PGlite's own `query` parses, describes, binds and executes a
 * statement in five calls into the WASM backend, every time; a kept statement is bound and executed
 * in one (a third to a fifth of the time per query, measured in docs/architecture.md). Kept
 * statements are not transactional, so a rollback leaves them valid; a change of a table's shape is
 * caught by the "cached plan must not change result type" error, after which the statement is parsed
 * again.
 */
class StatementCache {
  readonly #byText = new Map<string, Statement>();
  #counter = 0;
  /** Close messages for statements evicted since the last call, sent with the next one. */
  #closing: Uint8Array[] = [];

  constructor(
    private readonly pg: PGlite,
    private readonly limit: number,
  ) {}

  /** One statement's rows: prepared on first use, then bound and executed in one call. */
  async run<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    try {
      return await this.#run<T>(sql, params);
    } catch (error) {
      if (!planChangedResult(error) || !this.forget(sql)) throw error;
      // Outside a transaction the statement is simply parsed again; inside one the error has aborted
      // it, and the caller's retry (or the next call) parses it again.
      if (this.pg.isInTransaction()) throw error;
      return await this.#run<T>(sql, params);
    }
  }

  async #run<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const statement = this.#byText.get(sql) ?? (await this.#prepare(sql));
    // Most recently used last: the first key is the one to evict.
    this.#byText.delete(sql);
    this.#byText.set(sql, statement);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pg.serializers[statement.types[i]!];
      return serialize ? serialize(value) : String(value as string);
    });
    const { messages } = await this.pg.execProtocol(
      frame(
        ...this.#takeClosing(),
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    return (parse.parseResults(messages, this.pg.parsers)[0]?.rows ?? []) as T[];
  }

  async #prepare(sql: string): Promise<Statement> {
    const name = `kg_${++this.#counter}`;
    const { messages } = await this.pg.execProtocol(
      frame(
        ...this.#takeClosing(),
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const description = messages.find((m) => m.name === 'parameterDescription') as
      { dataTypeIDs: number[] } | undefined;
    const statement = { name, types: description?.dataTypeIDs ?? [] };
    this.#byText.set(sql, statement);
    while (this.#byText.size > this.limit) {
      const [oldest] = this.#byText.keys();
      this.forget(oldest!);
    }
    return statement;
  }

  /** Drops a kept statement (closed with the next call); whether it was kept. */
  forget(sql: string): boolean {
    const statement = this.#byText.get(sql);
    if (!statement) return false;
    this.#byText.delete(sql);
    this.#closing.push(protocol.serialize.close({ type: 'S', name: statement.name }));
    return true;
  }

  /** Drops every kept statement (after a script that may change tables' shapes). */
  forgetAll(): void {
    for (const sql of [...this.#byText.keys()]) this.forget(sql);
  }

  #takeClosing(): Uint8Array[] {
    const closing = this.#closing;
    this.#closing = [];
    return closing;
  }

  get size(): number {
    return this.#byText.size;
  }
}

export async function openPglite(
  options: PgliteOptions = {},
): Promise<Db & { raw: PGlite; statements: { readonly size: number } }> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const memo = new Map<string, unknown>();
  const statements = new StatementCache(pg, PGLITE_STATEMENT_CACHE);
  // Like PGlite's own `query`: one statement at a time, never inside another caller's transaction,
  // and written through to the data directory when it ran outside a transaction.
  const direct: Queryable = {
    memo,
    query: <T>(sql: string, params: readonly unknown[] = []) =>
      pg._runExclusiveTransaction(() =>
        pg._runExclusiveQuery(async () => {
          const rows = await statements.run<T>(sql, params);
          await pg.syncToFs();
          return rows;
        }),
      ),
    async exec(sql: string) {
      await pg.exec(sql);
      if (mayChangeShapes(sql)) statements.forgetAll();
    },
  };
  return {
    kind: 'pglite',
    raw: pg,
    statements,
    ...direct,
    // Inside the transaction the transaction lock is held already: only the query lock is taken.
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          memo,
          query: <T>(sql: string, params: readonly unknown[] = []) =>
            pg._runExclusiveQuery(() => statements.run<T>(sql, params)),
          async exec(sql: string) {
            await tx.exec(sql);
            if (mayChangeShapes(sql)) statements.forgetAll();
          },
        }),
      ),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    close: () => pg.close(),
  };
}
