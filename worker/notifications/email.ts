// The email channel, on Cloudflare's send_email binding (Email Sending in production; `wrangler
// dev` and the tests simulate it and log the message). Plain text: it reads everywhere.
import type { Channel, OutgoingMessage } from "./port";

export class EmailChannel implements Channel {
  constructor(
    private readonly binding: SendEmail,
    private readonly from: string,
  ) {}

  async deliver({ recipient, subject, text }: OutgoingMessage): Promise<void> {
    await this.binding.send({ from: this.from, to: recipient, subject, text });
  }
}
