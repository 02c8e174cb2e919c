// The bot's webhook (`/api/trainer/telegram`) and whether the bot is on. Telegram signs each call
// with the secret token given to setWebhook (X-Telegram-Bot-Api-Secret-Token); anything without
// it is refused before an update is read. Without a token configured the bot is off (settings.ts).
import { createRoute } from "@hono/zod-openapi";
import { webhookCallback } from "grammy";
import { createDb } from "../../db";
import { requireRole } from "../../lib/auth";
import { createRouter, jsonResponse, problems, SESSION } from "../../lib/openapi";
import { notFound, unauthorized } from "../../lib/problem";
import { BotConnection, BotStatus } from "../contract";
import { trainerDeps } from "../deps";
import { createBot } from "./bot";
import { D1Chats } from "./chats";
import { connectBot } from "./connect";
import { HOW_TO_ENABLE, telegramSettings } from "./settings";

function sameSecret(sent: string | undefined, expected: string): boolean {
  const a = new TextEncoder().encode(sent ?? "");
  const b = new TextEncoder().encode(expected);
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

export const botRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/trainer/bot",
      tags: ["Trainer"],
      summary: "Whether the Telegram bot is on, and how to turn it on",
      responses: { 200: jsonResponse(BotStatus, "The bot's status"), ...problems() },
    }),
    (c) => {
      const on = telegramSettings(c.env) !== null;
      return c.json({ enabled: on, howToEnable: on ? null : HOW_TO_ENABLE }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/trainer/bot/connect",
      tags: ["Trainer"],
      summary: "Connect the bot: set Telegram's webhook to this server and its command menu in each language (admin)",
      security: SESSION,
      middleware: requireRole("admin", "*", { fresh: true }),
      responses: {
        200: jsonResponse(BotConnection, "What Telegram was told"),
        ...problems(401, 403, 404, 502),
      },
    }),
    async (c) => {
      const settings = telegramSettings(c.env);
      if (!settings) throw notFound(`The Telegram bot is off. ${HOW_TO_ENABLE}`);
      return c.json(await connectBot(settings, c.env.SITE_URL), 200);
    },
  )
  .post("/trainer/telegram", async (c) => {
    const settings = telegramSettings(c.env);
    if (!settings) throw notFound(`The Telegram bot is off. ${HOW_TO_ENABLE}`);
    if (!sameSecret(c.req.header("x-telegram-bot-api-secret-token"), settings.secret)) {
      throw unauthorized("Wrong or missing X-Telegram-Bot-Api-Secret-Token.");
    }
    const bot = createBot(settings, trainerDeps(c.env), new D1Chats(createDb(c.env.DB)), c.env.SITE_URL);
    return webhookCallback(bot, "cloudflare-mod", { secretToken: settings.secret })(c.req.raw);
  });
