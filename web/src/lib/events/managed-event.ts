// The event an organizer's pages are about (/events/manage/<id>/…), loaded once by their layout
// and shared with each page through Svelte context; a change any page makes shows everywhere.
import { createContext } from "svelte";
import type { Event } from "../../../../worker/events/contract";
import type { Resource } from "./resource.svelte";

export const [getManagedEvent, setManagedEvent] = createContext<Resource<Event>>();
