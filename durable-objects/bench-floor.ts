// The floor of this stack, for benchmarks only: a Durable Object that does nothing, reached
// through the same Worker the same way. What the real objects add is measured against it.
import { Server } from "partyserver";

export class BenchFloor extends Server<Cloudflare.Env> {
  static override options = { hibernate: true };

  async noop(): Promise<null> {
    return null;
  }
}
