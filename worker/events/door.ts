// Check-in at the door. A door phone may queue check-ins while the venue's Wi-Fi is down and
// send them again later: its client id makes a resend harmless, while the same ticket checked
// in by anyone else is refused with the time of the first check-in.
import { and, eq } from "drizzle-orm";
import { registration } from "../db/schema";
import { badRequest, conflict, notFound } from "../lib/problem";
import type { CheckIn } from "./contract";
import type { Deps } from "./deps";
import { iso } from "./present";
import { checkInRefusal, parseTicketCode } from "./rules";
import { byNumber } from "./store";

const otherEvent = () => conflict("This ticket is for another event.", { reason: "other_event" });

/** Checks in the ticket `code` names (a QR payload or a number): one round trip. */
export async function checkIn(
  deps: Deps,
  eventId: string,
  input: { code: string; client_id: string },
  staffId: string,
): Promise<CheckIn> {
  const ticket = parseTicketCode(input.code);
  if (!ticket) {
    throw badRequest("That is not a ticket.", [
      {
        path: "code",
        code: "invalid_format",
        message: "Scan the ticket's QR code or type its number, e.g. 4821-0937.",
      },
    ]);
  }
  if (ticket.eventId !== null && ticket.eventId !== eventId) throw otherEvent();
  const { db } = deps;
  const now = Date.now();
  const [, [row]] = await db.batch([
    db
      .update(registration)
      .set({
        status: "checked_in",
        checkedInAt: now,
        checkedInBy: staffId,
        checkInClientId: input.client_id,
        updatedAt: now,
      })
      .where(
        and(
          eq(registration.eventId, eventId),
          eq(registration.number, ticket.number),
          eq(registration.status, "confirmed"),
        ),
      ),
    byNumber(db, ticket.number),
  ]);
  if (!row) throw notFound(`No ticket ${ticket.number}.`);
  if (row.eventId !== eventId) throw otherEvent();
  if (row.status === "checked_in" && row.checkedInAt !== null) {
    if (row.checkInClientId === input.client_id) {
      return {
        registration_id: row.id,
        number: row.number,
        visitor: { first_name: row.visitor.firstName, last_name: row.visitor.lastName },
        checked_in_at: iso(row.checkedInAt),
      };
    }
    throw conflict(`Already checked in at ${iso(row.checkedInAt)}.`, {
      reason: "already_checked_in",
      checked_in_at: iso(row.checkedInAt),
    });
  }
  throw conflict(checkInRefusal(row.status) ?? "Cannot be checked in.", { reason: row.status });
}
