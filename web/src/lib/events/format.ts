// Money, dates and times of events as the reader reads them, in their language. Money comes from
// the API as roubles with two decimals; times as ISO 8601 UTC, shown in the reader's time zone.
import { getLocale } from "../paraglide/runtime";

export const formatMoney = (amount: number) =>
  new Intl.NumberFormat(getLocale(), { style: "currency", currency: "RUB", currencyDisplay: "narrowSymbol" }).format(
    amount,
  );

export const formatWhen = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { timeStyle: "short" }).format(new Date(iso));

/** A calendar day the API counted in UTC (registrations per day): shown as that day, wherever the reader is. */
export const formatUtcDay = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(iso));

/** An event's start and end: "12 Dec 2026, 18:00 – 20:00", or both in full when it ends on another day. */
export function formatSpan(startsAt: string, endsAt: string): string {
  const format = new Intl.DateTimeFormat(getLocale(), { dateStyle: "medium", timeStyle: "short" });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/** An amount the API gave (two decimals) in whole kopecks, for sums and differences. */
export const kopecks = (amount: number) => Math.round(amount * 100);

/** Money on a chart's axis: rounded and short ("20 тыс. ₽", "₽20K"), the figures beside it are exact. */
export const formatMoneyShort = (amount: number) =>
  new Intl.NumberFormat(getLocale(), {
    style: "currency",
    currency: "RUB",
    currencyDisplay: "narrowSymbol",
    notation: "compact",
    maximumFractionDigits: 0,
  }).format(amount);
