// Results of a Durable Object's RPC methods. A refusal travels as data (errors thrown across RPC
// lose their type), and the Worker turns it into the problem+json the client gets.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Problem } from "./problem";

export interface Refused {
  ok: false;
  status: ContentfulStatusCode;
  slug: string;
  title: string;
  detail: string;
  extensions?: Record<string, unknown>;
}

export type RpcResult<T> = { ok: true; value: T } | Refused;

export const accept = <T>(value: T): RpcResult<T> => ({ ok: true, value });

export function refuse(
  status: ContentfulStatusCode,
  slug: string,
  title: string,
  detail: string,
  extensions?: Record<string, unknown>,
): Refused {
  return { ok: false, status, slug, title, detail, ...(extensions && { extensions }) };
}

/** The value, or the refusal thrown as a Problem. */
export function unwrap<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Problem(result.status, result.slug, result.title, result.detail, result.extensions);
}
