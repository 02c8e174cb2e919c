// The choices a competition is set up with (GET /gym/setup-options), in words. A choice the
// server offers that this page has no words for yet (a newer rule) still shows, by its code.
import { m } from "../paraglide/messages";

export type ChoiceField = "discipline" | "scoring" | "rounding" | "vault_rule" | "tie_break";

const WORDS: Record<ChoiceField, Record<string, () => string>> = {
  discipline: { MAG: m.discipline_mag, WAG: m.discipline_wag },
  scoring: { fig_artistic: m.scoring_fig_artistic, drop_extremes: m.scoring_drop_extremes },
  rounding: { truncate: m.rounding_truncate, half_up: m.rounding_half_up },
  vault_rule: { first: m.vault_rule_first, average: m.vault_rule_average, qualification: m.vault_rule_qualification },
  tie_break: {
    apparatus_final: m.tie_break_apparatus_final,
    all_around: m.tie_break_all_around,
    none: m.tie_break_none,
  },
};

export const choiceName = (field: ChoiceField, value: string) => WORDS[field][value]?.() ?? value.replaceAll("_", " ");
