// Every page of a competition (live board, hall board, results, console, setup) starts from it:
// one that does not exist is Podium's "not found", not an empty live page.
import { error } from "@sveltejs/kit";
import type { Competition } from "../../../../../worker/gym/contract";
import type { LayoutLoad } from "./$types";

export const load: LayoutLoad = async ({ fetch, params }) => {
  const response = await fetch(`/api/gym/events/${encodeURIComponent(params.id)}`);
  if (response.status === 404 || response.status === 400) {
    error(404, { message: "No such competition", missing: "competition" });
  }
  if (!response.ok) error(response.status, { message: await response.text() });
  return { competition: (await response.json()) as Competition };
};
