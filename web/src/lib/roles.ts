import { m } from "./paraglide/messages";

const ROLE_NAMES: Record<string, () => string> = {
  admin: m.role_admin,
  organizer: m.role_organizer,
  door: m.role_door,
  head_judge: m.role_head_judge,
  secretary: m.role_secretary,
  judge: m.role_judge,
  bookmaker: m.role_bookmaker,
  instructor: m.role_instructor,
  range_staff: m.role_range_staff,
  teacher: m.role_teacher,
};

export const roleName = (role: string) => ROLE_NAMES[role]?.() ?? role;
