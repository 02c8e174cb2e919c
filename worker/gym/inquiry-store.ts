// Inquiries in D1, where the competition lists them: written through by each ScoringSession with
// its published score (by id, so a resend or a later decision overwrites the same row).
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { gymInquiry } from "../db/schema";
import type { Inquiry } from "./protocol";
import type { StoredInquiry } from "./session-store";

export interface InquiryOf {
  competitionId: string;
  sessionId: string;
  athleteId: string;
  apparatus: string;
}

export async function writeInquiries(db: Db, of: InquiryOf, inquiries: StoredInquiry[]): Promise<void> {
  const [first, ...rest] = inquiries.map((i) =>
    db
      .insert(gymInquiry)
      .values({ ...of, ...i })
      .onConflictDoUpdate({
        target: gymInquiry.id,
        set: {
          status: sql`excluded.status`,
          dAfter: sql`excluded.d_after`,
          decidedBy: sql`excluded.decided_by`,
          decidedAt: sql`excluded.decided_at`,
          reason: sql`excluded.reason`,
        },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentInquiry(i: StoredInquiry): Inquiry {
  return {
    id: i.id,
    asked_by: i.askedBy,
    asked_at: new Date(i.askedAt).toISOString(),
    status: i.status,
    d_before: i.dBefore,
    d_after: i.dAfter,
    decided_by: i.decidedBy,
    decided_at: iso(i.decidedAt),
    reason: i.reason,
  };
}

/** A competition's inquiries, oldest first, with the athlete and apparatus each was about. */
export async function inquiriesOf(db: Db, competitionId: string) {
  const rows = await db
    .select()
    .from(gymInquiry)
    .where(eq(gymInquiry.competitionId, competitionId))
    .orderBy(asc(gymInquiry.askedAt), asc(gymInquiry.id));
  return rows.map((r) => ({
    ...presentInquiry(r),
    session_id: r.sessionId,
    athlete_id: r.athleteId,
    apparatus: r.apparatus,
  }));
}
