// What one invocation asks of other services, counted: each D1 query or batch, queue send and R2
// call is a subrequest, and Workers allows an invocation 50 of them on Workers Free (D1 counts
// its queries against the same 50). A queue consumer's batch is one invocation, so its batch size
// times what a job may ask must stay within that. The sizes are read from wrangler.toml.
import config from "../../wrangler.toml?raw";

export const FREE_SUBREQUESTS = 50;

/** `max_batch_size` of each queue's consumer, in the top-level environment or in `env.<name>`. */
export function consumerBatchSizes(environment?: string): Record<string, number> {
  const header = environment ? `[[env.${environment}.queues.consumers]]` : "[[queues.consumers]]";
  const sizes: Record<string, number> = {};
  for (const block of config.split(header).slice(1)) {
    // The block's own lines: up to the next table header.
    const body = block.split(/^\[/m)[0] ?? "";
    const queue = /^queue = "([^"]+)"$/m.exec(body)?.[1];
    const size = /^max_batch_size = (\d+)$/m.exec(body)?.[1];
    if (queue && size) sizes[queue] = Number(size);
  }
  return sizes;
}

export function batchSizeOf(queue: string): number {
  const size = consumerBatchSizes()[queue];
  if (size === undefined) throw new Error(`wrangler.toml gives queue ${queue} no max_batch_size`);
  return size;
}

/** The statement each counted one stands for (a batch takes only D1's own). */
const realStatements = new WeakMap<D1PreparedStatement, D1PreparedStatement>();

/** A D1 statement whose runs are counted, and so are those of the statements it binds. */
function countedStatement(statement: D1PreparedStatement, count: () => void): D1PreparedStatement {
  const bind = statement.bind.bind(statement);
  const counted = countedCalls<D1PreparedStatement>(
    statement,
    ["first", "run", "all", "raw"],
    count,
    Object.create(statement),
  );
  realStatements.set(counted, statement);
  counted.bind = (...values) => countedStatement(bind(...values), count);
  return counted;
}

/** Each method of `target` named, counted before it is called, on `base` (nothing else, unless its prototype has it). */
function countedCalls<T extends object>(
  target: T,
  methods: (keyof T)[],
  count: () => void,
  base: T = Object.create(null),
): T {
  for (const method of methods) {
    const call = (target[method] as (...args: unknown[]) => unknown).bind(target);
    Object.defineProperty(base, method, {
      value: (...args: unknown[]) => {
        count();
        return call(...args);
      },
    });
  }
  return base;
}

/**
 * The test's bindings with every D1 query, queue send and R2 call counted (durable objects are
 * left out: no consumer measured here calls one).
 */
export function countingEnv(env: Env) {
  let subrequests = 0;
  const count = () => {
    subrequests++;
  };
  const d1 = env.DB;
  const db = {
    prepare: (query: string) => countedStatement(d1.prepare(query), count),
    batch: (statements: D1PreparedStatement[]) => {
      count();
      return d1.batch(statements.map((s) => realStatements.get(s) ?? s));
    },
    exec: (query: string) => {
      count();
      return d1.exec(query);
    },
    withSession: () => {
      throw new Error("not counted: a consumer has no use for a session");
    },
    dump: () => d1.dump(),
  } as D1Database;
  const queue = (q: Queue) => countedCalls(q, ["send", "sendBatch"], count);
  return {
    env: {
      ...env,
      DB: db,
      NOTIFICATIONS: queue(env.NOTIFICATIONS),
      SETTLEMENTS: queue(env.SETTLEMENTS),
      RANGE_JOBS: queue(env.RANGE_JOBS),
      DOCUMENTS: countedCalls(env.DOCUMENTS, ["get", "put", "head", "delete", "list"], count),
    } as Env,
    subrequests: () => subrequests,
  };
}
