CREATE TABLE `gym_athlete` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`name` text NOT NULL,
	`team` text,
	`bib` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`competition_id`) REFERENCES `gym_competition`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gym_athlete_bib` ON `gym_athlete` (`competition_id`,`bib`);--> statement-breakpoint
CREATE TABLE `gym_competition` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`discipline` text NOT NULL,
	`schema` text NOT NULL,
	`rounding` text NOT NULL,
	`vault_rule` text NOT NULL,
	`tie_break` text NOT NULL,
	`apparatus` text NOT NULL,
	`status` text NOT NULL,
	`finalized_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `gym_panel_seat` (
	`competition_id` text NOT NULL,
	`apparatus` text NOT NULL,
	`position` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`competition_id`, `apparatus`, `position`),
	FOREIGN KEY (`competition_id`) REFERENCES `gym_competition`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `gym_panel_user` ON `gym_panel_seat` (`user_id`);--> statement-breakpoint
DROP INDEX `bet_idempotency_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `bet_idempotency_unique` ON `bet` (`bettor_id`,`event_id`,`idempotency_key`);