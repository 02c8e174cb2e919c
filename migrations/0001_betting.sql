CREATE TABLE `bet` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`bettor_id` text NOT NULL,
	`amount` integer NOT NULL,
	`odds` integer NOT NULL,
	`status` text NOT NULL,
	`payout` integer,
	`idempotency_key` text NOT NULL,
	`placed_at` integer NOT NULL,
	`settled_at` integer
);
--> statement-breakpoint
CREATE INDEX `bet_bettor_idx` ON `bet` (`bettor_id`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `bet_event_status_idx` ON `bet` (`event_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `bet_idempotency_unique` ON `bet` (`bettor_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `betting_audit` (
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `betting_audit_event_seq` ON `betting_audit` (`event_id`,`seq`);--> statement-breakpoint
CREATE TABLE `betting_event` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`odds` integer NOT NULL,
	`deadline` integer NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `betting_event_open_idx` ON `betting_event` (`status`,`deadline`,`id`);