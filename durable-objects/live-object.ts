// What every live object shares, on top of partyserver's Server: sockets are tagged with who is
// behind them (as the Worker verified it), so the Worker can have a person's sockets closed the
// moment their session ends or their roles change; and nothing that fails while a socket opens
// ever reaches the client (partyserver itself would send the error's stack: the hooks below catch
// first, log it whole, and close with a plain 1011).
import { type Connection, type ConnectionContext, Server } from "partyserver";
import { CLOSE, SESSION_HEADER, VIEWER_HEADER } from "../worker/lib/live";

/** partyserver keeps at most 9 tags per socket (its own included): two are for who is behind it. */
const OWN_TAGS = 7;

export abstract class LiveObject extends Server<Cloudflare.Env> {
  static override options = { hibernate: true };

  /** Tags of the object's own (e.g. the apparatus a judge's socket gets tasks for). */
  protected tagsFor(_connection: Connection, _context: ConnectionContext): string[] {
    return [];
  }

  /** Greets a new socket: its snapshot, or a close code saying why not. */
  protected abstract welcome(connection: Connection, context: ConnectionContext): void | Promise<void>;

  override getConnectionTags(connection: Connection, context: ConnectionContext): string[] {
    const viewer = context.request.headers.get(VIEWER_HEADER);
    const session = context.request.headers.get(SESSION_HEADER);
    const who = [viewer && `user:${viewer}`, session && `session:${session}`].filter((t): t is string => !!t);
    try {
      return [...this.tagsFor(connection, context).slice(0, OWN_TAGS), ...who];
    } catch (error) {
      console.error(`${this.constructor.name} ${this.name}: tagging a socket failed`, error);
      return who;
    }
  }

  override async onConnect(connection: Connection, context: ConnectionContext): Promise<void> {
    try {
      await this.welcome(connection, context);
    } catch (error) {
      console.error(`${this.constructor.name} ${this.name}: opening a socket failed`, error);
      connection.close(1011, "Internal error");
    }
  }

  /**
   * The Worker says a person's session ended (or, with no session, that their roles changed):
   * their sockets here close with 4401 at once and get nothing more. The client reconnects as
   * whoever it is now, or asks the person to log in.
   */
  async revokeSockets(userId: string, sessionId: string | null): Promise<number> {
    const sockets = [...this.getConnections(sessionId ? `session:${sessionId}` : `user:${userId}`)];
    for (const socket of sockets) socket.close(CLOSE.sessionEnded, "Session ended");
    return sockets.length;
  }
}
