CREATE TABLE `range_booking` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`lane_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`instructor_id` text,
	`status` text NOT NULL,
	`price` integer NOT NULL,
	`billed_amount` integer DEFAULT 0 NOT NULL,
	`refund_due` integer DEFAULT 0 NOT NULL,
	`refund_amount` integer DEFAULT 0 NOT NULL,
	`payment_error` text,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lane_id`) REFERENCES `range_lane`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `range_booking_idempotency_idx` ON `range_booking` (`user_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `range_booking_user_idx` ON `range_booking` (`user_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `range_booking_lane_idx` ON `range_booking` (`lane_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `range_booking_weapon` (
	`booking_id` text NOT NULL,
	`weapon_id` text NOT NULL,
	PRIMARY KEY(`booking_id`, `weapon_id`),
	FOREIGN KEY (`booking_id`) REFERENCES `range_booking`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`weapon_id`) REFERENCES `range_weapon`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `range_claim` (
	`resource` text NOT NULL,
	`slot` integer NOT NULL,
	`booking_id` text NOT NULL,
	PRIMARY KEY(`resource`, `slot`),
	FOREIGN KEY (`booking_id`) REFERENCES `range_booking`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `range_claim_booking_idx` ON `range_claim` (`booking_id`);--> statement-breakpoint
CREATE TABLE `range_device_token` (
	`id` text PRIMARY KEY NOT NULL,
	`lane_id` text NOT NULL,
	`label` text NOT NULL,
	`issued_by` text NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`lane_id`) REFERENCES `range_lane`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `range_device_token_lane_idx` ON `range_device_token` (`lane_id`);--> statement-breakpoint
CREATE TABLE `range_lane` (
	`id` text PRIMARY KEY NOT NULL,
	`range_id` text NOT NULL,
	`name` text NOT NULL,
	`discipline` text NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`utc_offset_minutes` integer NOT NULL,
	`slot_minutes` integer NOT NULL,
	`slot_price` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `range_lane_range_idx` ON `range_lane` (`range_id`);--> statement-breakpoint
CREATE TABLE `range_licence` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`number` text NOT NULL,
	`category` text NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`verified_by` text,
	`verified_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `range_licence_number_unique` ON `range_licence` (`number`);--> statement-breakpoint
CREATE INDEX `range_licence_user_idx` ON `range_licence` (`user_id`,`category`);--> statement-breakpoint
CREATE TABLE `range_session_stat` (
	`booking_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`discipline` text NOT NULL,
	`started_at` integer NOT NULL,
	`shots` integer NOT NULL,
	`decimal_sum` integer NOT NULL,
	`ring_sum` integer NOT NULL,
	`tens` integer NOT NULL,
	`inner_tens` integer NOT NULL,
	`sum_x` integer NOT NULL,
	`sum_y` integer NOT NULL,
	`sum_xx` integer NOT NULL,
	`sum_yy` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `range_session_stat_user_idx` ON `range_session_stat` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `range_session_stat_discipline_idx` ON `range_session_stat` (`discipline`,`started_at`);--> statement-breakpoint
CREATE TABLE `range_shot` (
	`booking_id` text NOT NULL,
	`shot_id` text NOT NULL,
	`user_id` text NOT NULL,
	`lane_id` text NOT NULL,
	`discipline` text NOT NULL,
	`x` integer NOT NULL,
	`y` integer NOT NULL,
	`sighter` integer NOT NULL,
	`match_number` integer,
	`ring` integer NOT NULL,
	`decimal` integer NOT NULL,
	`inner_ten` integer NOT NULL,
	`shot_at` integer NOT NULL,
	PRIMARY KEY(`booking_id`, `shot_id`)
);
--> statement-breakpoint
CREATE INDEX `range_shot_user_idx` ON `range_shot` (`user_id`,`shot_at`);--> statement-breakpoint
CREATE INDEX `range_shot_discipline_idx` ON `range_shot` (`discipline`,`shot_at`);--> statement-breakpoint
CREATE TABLE `range_weapon` (
	`id` text PRIMARY KEY NOT NULL,
	`range_id` text NOT NULL,
	`model` text NOT NULL,
	`discipline` text NOT NULL,
	`calibre` text NOT NULL,
	`serial` text NOT NULL,
	`licence_category` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `range_weapon_serial_unique` ON `range_weapon` (`serial`);--> statement-breakpoint
CREATE INDEX `range_weapon_range_idx` ON `range_weapon` (`range_id`,`discipline`,`state`);