// The Telegram channel: a message sent by the trainer's bot through the Bot API's sendMessage.
// A person who blocked the bot is reported to `onBlocked` (the trainer stops writing to them);
// that and any other refusal fails the attempt, which the queue retries or gives up.
import type { Channel, OutgoingMessage } from "./port";

export class TelegramChannel implements Channel {
  /** Telegram's limit for one bot is about 30 a second overall: a little under it. */
  readonly perSecond = 25;

  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    private readonly onBlocked: (chatId: string) => Promise<void>,
  ) {}

  async deliver({ recipient, text }: OutgoingMessage): Promise<void> {
    const res = await fetch(`${this.apiRoot}/bot${this.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: recipient, text }),
    });
    if (res.ok) return;
    const { description = res.statusText } = (await res.json().catch(() => ({}))) as { description?: string };
    if (res.status === 403) await this.onBlocked(recipient);
    throw new Error(`Telegram refused (${res.status}): ${description}`);
  }
}
