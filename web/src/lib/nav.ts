// Navigation by audience. Each area adds its pages here as it lands.
import { m } from "./paraglide/messages";
import type { Session } from "./session.svelte";

export interface NavItem {
  href: string;
  label: () => string;
  /** Whether this person should see the link at all. */
  shows: (session: Session) => boolean;
}

export interface NavGroup {
  audience: () => string;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  { audience: m.audience_everyone, items: [{ href: "/", label: m.nav_home, shows: () => true }] },
  {
    audience: m.audience_visitors,
    items: [
      { href: "/events", label: m.events_catalogue_title, shows: () => true },
      { href: "/events/my", label: m.events_my_title, shows: (s) => s.profile !== null },
    ],
  },
  {
    audience: m.audience_spectators,
    items: [{ href: "/gym", label: m.nav_live_scores, shows: () => true }],
  },
  {
    audience: m.audience_bettors,
    items: [
      { href: "/betting", label: m.nav_betting, shows: () => true },
      { href: "/betting/bets", label: m.nav_my_bets, shows: (s) => s.profile !== null },
    ],
  },
  {
    audience: m.range_audience,
    items: [
      { href: "/range", label: m.range_nav_book, shows: () => true },
      { href: "/range/bookings", label: m.range_nav_bookings, shows: (s) => s.profile !== null },
      { href: "/range/stats", label: m.range_nav_stats, shows: (s) => s.profile !== null },
    ],
  },
  {
    audience: m.trainer_audience,
    items: [
      { href: "/trainer", label: m.trainer_nav_train, shows: () => true },
      { href: "/trainer/contests", label: m.trainer_contests_title, shows: () => true },
      { href: "/trainer/stats", label: m.trainer_nav_stats, shows: (s) => s.profile !== null },
    ],
  },
  {
    audience: m.audience_staff,
    items: [
      { href: "/gym/judge", label: m.nav_judge, shows: (s) => s.hasRole("judge") },
      { href: "/events/manage", label: m.events_manage_title, shows: (s) => s.hasRole("organizer") },
      { href: "/events/door", label: m.events_door_nav, shows: (s) => s.hasRole("door") },
      { href: "/gym/manage", label: m.nav_gym_manage, shows: (s) => s.hasRole("head_judge") || s.hasRole("secretary") },
      { href: "/betting/manage", label: m.nav_bookmaking, shows: (s) => s.hasRole("bookmaker") },
      {
        href: "/range/staff",
        label: m.range_nav_staff,
        shows: (s) => s.hasRole("range_staff") || s.hasRole("instructor"),
      },
      { href: "/trainer/admin", label: m.trainer_nav_admin, shows: (s) => s.hasRole("teacher") },
      { href: "/admin", label: m.nav_admin, shows: (s) => s.hasRole("admin") },
    ],
  },
];
