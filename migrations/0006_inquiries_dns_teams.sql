CREATE TABLE `gym_did_not_start` (
	`competition_id` text NOT NULL,
	`athlete_id` text NOT NULL,
	`apparatus` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`athlete_id`, `apparatus`),
	FOREIGN KEY (`competition_id`) REFERENCES `gym_competition`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `gym_dns_competition` ON `gym_did_not_start` (`competition_id`);--> statement-breakpoint
CREATE TABLE `gym_inquiry` (
	`id` text PRIMARY KEY NOT NULL,
	`competition_id` text NOT NULL,
	`session_id` text NOT NULL,
	`athlete_id` text NOT NULL,
	`apparatus` text NOT NULL,
	`asked_by` text NOT NULL,
	`asked_at` integer NOT NULL,
	`status` text NOT NULL,
	`d_before` integer NOT NULL,
	`d_after` integer,
	`decided_by` text,
	`decided_at` integer,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `gym_inquiry_competition` ON `gym_inquiry` (`competition_id`,`asked_at`);--> statement-breakpoint
ALTER TABLE `betting_event` ADD `first_team` text;--> statement-breakpoint
ALTER TABLE `betting_event` ADD `second_team` text;--> statement-breakpoint
ALTER TABLE `gym_athlete` ADD `birth_year` integer;--> statement-breakpoint
ALTER TABLE `gym_athlete` ADD `subdivision` text;--> statement-breakpoint
ALTER TABLE `gym_competition` ADD `inquiry_window_seconds` integer DEFAULT 300 NOT NULL;