CREATE TABLE `gym_score` (
	`session_id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`athlete_id` text NOT NULL,
	`apparatus` text NOT NULL,
	`attempt` integer NOT NULL,
	`d` integer NOT NULL,
	`e` integer NOT NULL,
	`neutral` integer NOT NULL,
	`final` integer NOT NULL,
	`breakdown` text NOT NULL,
	`version` integer NOT NULL,
	`published_by` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `gym_score_competition` ON `gym_score` (`competition_id`,`apparatus`);--> statement-breakpoint
CREATE INDEX `gym_score_athlete` ON `gym_score` (`athlete_id`);