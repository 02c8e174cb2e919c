import { m } from "./paraglide/messages";

const ROLE_NAMES: Record<string, () => string> = {
  admin: m.role_admin,
  organizer: m.role_organizer,
  head_judge: m.role_head_judge,
  secretary: m.role_secretary,
  judge: m.role_judge,
  bookmaker: m.role_bookmaker,
  instructor: m.role_instructor,
};

export const roleName = (role: string) => ROLE_NAMES[role]?.() ?? role;
