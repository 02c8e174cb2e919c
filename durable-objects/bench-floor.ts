// The floor of this stack, for benchmarks only: a Durable Object that does nothing but what a live
// object must, reached through the same Worker the same way. What the real objects add is
// measured against it: a no-op round trip (`noop`), and a broadcast of a given frame to every
// socket connected to it (`relay`), with nothing stored, parsed or computed.
import { Server } from "partyserver";

export class BenchFloor extends Server<Cloudflare.Env> {
  static override options = { hibernate: true };

  async noop(): Promise<null> {
    return null;
  }

  /** Sends `message` as it is to every connected socket, as a live object broadcasts; answers how many. */
  async relay(message: string): Promise<number> {
    this.broadcast(message);
    return this.ctx.getWebSockets().length;
  }
}
