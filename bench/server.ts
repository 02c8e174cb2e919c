// The benchmarks' server: a fresh `wrangler dev` whose throwaway state (local D1, objects,
// queues) lives in memory where the machine has a tmpfs at /dev/shm. On this VM's disk every
// commit of an object or of D1 is flushed (fsync, ~0.7 ms each, hundreds a second under load):
// a cost of the machine's virtual disk, which the floor does not pay (it writes nothing) and
// production does not either (a Durable Object's write is confirmed once replicated to other
// machines, not by flushing a local disk). BENCH_STATE=disk measures with it all the same.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { startDevServer } from "../tests/e2e/dev-server";

const MEMORY = "/dev/shm";

export function startBenchServer(defaultPort: number) {
  const inMemory = process.env.BENCH_STATE !== "disk" && existsSync(MEMORY);
  console.log(inMemory ? `Local state in memory (${MEMORY}; BENCH_STATE=disk for the disk).` : "Local state on disk.");
  return startDevServer(Number(process.env.BENCH_PORT ?? defaultPort), { stateIn: inMemory ? MEMORY : tmpdir() });
}
