CREATE TABLE `gym_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`competition_id` text NOT NULL,
	`session_id` text,
	`seq` integer,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`position` text,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gym_audit_session_seq` ON `gym_audit` (`session_id`,`seq`);--> statement-breakpoint
CREATE INDEX `gym_audit_competition` ON `gym_audit` (`competition_id`,`at`);