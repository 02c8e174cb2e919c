CREATE TABLE `event` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`location` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text NOT NULL,
	`visitor_limit` integer,
	`price` integer NOT NULL,
	`refund_full_hours` integer NOT NULL,
	`refund_late_percent` integer NOT NULL,
	`organizer_id` text NOT NULL,
	`search` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_status_start_idx` ON `event` (`status`,`starts_at`,`id`);
--> statement-breakpoint
CREATE INDEX `event_start_idx` ON `event` (`starts_at`,`id`);
--> statement-breakpoint
CREATE INDEX `event_organizer_idx` ON `event` (`organizer_id`);
--> statement-breakpoint
CREATE TABLE `event_cost` (
	`event_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`event_id`, `position`),
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `registration` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`event_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`status` text NOT NULL,
	`price` integer NOT NULL,
	`billed_amount` integer DEFAULT 0 NOT NULL,
	`refund_amount` integer DEFAULT 0 NOT NULL,
	`refund_due` integer DEFAULT 0 NOT NULL,
	`billed_at` integer,
	`refunded_at` integer,
	`payment_error` text,
	`promoted_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`checked_in_by` text,
	`check_in_client_id` text,
	`idempotency_scope` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitor`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_seq_unique` ON `registration` (`seq`);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_number_unique` ON `registration` (`number`);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_idempotency_unique` ON `registration` (`idempotency_scope`,`idempotency_key`);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_visitor_event_unique` ON `registration` (`event_id`,`visitor_id`) WHERE status <> 'cancelled';
--> statement-breakpoint
CREATE INDEX `registration_event_status_idx` ON `registration` (`event_id`,`status`,`seq`);
--> statement-breakpoint
CREATE INDEX `registration_visitor_idx` ON `registration` (`visitor_id`,`seq`);
--> statement-breakpoint
CREATE INDEX `registration_event_created_idx` ON `registration` (`event_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `registration_event_check_in_idx` ON `registration` (`event_id`,`checked_in_at`);
--> statement-breakpoint
CREATE INDEX `registration_event_money_idx` ON `registration` (`event_id`,`billed_amount`,`refund_amount`);
--> statement-breakpoint
CREATE TABLE `visitor` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`user_id` text,
	`search` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitor_email_unique` ON `visitor` (`email`);
--> statement-breakpoint
CREATE INDEX `visitor_user_idx` ON `visitor` (`user_id`);
--> statement-breakpoint
CREATE INDEX `visitor_created_idx` ON `visitor` (`created_at`,`id`);
--> statement-breakpoint
CREATE TABLE `notification` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`topic` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_error` text,
	`subject` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_news_unique` ON `notification` (`kind`,`reference`);
--> statement-breakpoint
CREATE INDEX `notification_topic_idx` ON `notification` (`topic`,`created_at`);
--> statement-breakpoint
CREATE TABLE `payment_breaker` (
	`provider` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`failures` integer NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_invoice` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`description` text NOT NULL,
	`amount` integer NOT NULL,
	`provider` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_local_fault` (
	`id` integer PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`remaining` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_local_ledger` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_movement` (
	`id` text PRIMARY KEY NOT NULL,
	`invoice_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`provider_ref` text,
	`error` text,
	`created_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `payment_invoice`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_movement_invoice_idx` ON `payment_movement` (`invoice_id`,`kind`,`status`);