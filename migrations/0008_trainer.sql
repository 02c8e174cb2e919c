CREATE TABLE `trainer_answer` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`student_id` text NOT NULL,
	`question_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`theme_id` text,
	`position` integer NOT NULL,
	`asked_at` integer NOT NULL,
	`given` text,
	`correct` integer,
	`answered_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `trainer_run`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `trainer_question`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_answer_question_unique` ON `trainer_answer` (`run_id`,`question_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_answer_position_unique` ON `trainer_answer` (`run_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_answer_pending_unique` ON `trainer_answer` (`run_id`) WHERE answered_at IS NULL;--> statement-breakpoint
CREATE INDEX `trainer_answer_student_idx` ON `trainer_answer` (`student_id`,`subject_id`,`theme_id`,`correct`);--> statement-breakpoint
CREATE INDEX `trainer_answer_student_time_idx` ON `trainer_answer` (`student_id`,`answered_at`,`correct`);--> statement-breakpoint
CREATE INDEX `trainer_answer_question_idx` ON `trainer_answer` (`student_id`,`question_id`,`correct`);--> statement-breakpoint
CREATE TABLE `trainer_broadcast` (
	`id` text PRIMARY KEY NOT NULL,
	`author_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`text` text NOT NULL,
	`audience` text NOT NULL,
	`recipients` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_broadcast_key_unique` ON `trainer_broadcast` (`author_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `trainer_chat` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`step` text NOT NULL,
	`draft` text NOT NULL,
	`last_update_id` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trainer_contest` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`question_ids` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `trainer_subject`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trainer_contest_start_idx` ON `trainer_contest` (`starts_at`);--> statement-breakpoint
CREATE TABLE `trainer_contest_result` (
	`contest_id` text NOT NULL,
	`student_id` text NOT NULL,
	`name` text NOT NULL,
	`score` integer NOT NULL,
	`answered` integer NOT NULL,
	`last_correct_at` integer,
	`place` integer NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`contest_id`, `student_id`),
	FOREIGN KEY (`contest_id`) REFERENCES `trainer_contest`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `trainer_question` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`theme_id` text,
	`source_id` text,
	`type` text NOT NULL,
	`text` text NOT NULL,
	`picture_key` text,
	`options` text NOT NULL,
	`correct` text NOT NULL,
	`accepted` text NOT NULL,
	`explanation` text NOT NULL,
	`without_paper` integer NOT NULL,
	`difficulty` integer NOT NULL,
	`correct_count` integer DEFAULT 0 NOT NULL,
	`total_count` integer DEFAULT 0 NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `trainer_subject`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`theme_id`) REFERENCES `trainer_theme`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `trainer_source`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_question_fingerprint_unique` ON `trainer_question` (`subject_id`,`fingerprint`);--> statement-breakpoint
CREATE INDEX `trainer_question_subject_idx` ON `trainer_question` (`subject_id`,`theme_id`);--> statement-breakpoint
CREATE TABLE `trainer_run` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`filters` text NOT NULL,
	`status` text NOT NULL,
	`answered_count` integer DEFAULT 0 NOT NULL,
	`correct_count` integer DEFAULT 0 NOT NULL,
	`client_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `trainer_student`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_run_client_key_unique` ON `trainer_run` (`student_id`,`client_key`);--> statement-breakpoint
CREATE INDEX `trainer_run_student_idx` ON `trainer_run` (`student_id`,`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `trainer_source` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `trainer_subject`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_source_name_unique` ON `trainer_source` (`subject_id`,`name`);--> statement-breakpoint
CREATE TABLE `trainer_student` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`telegram_id` text,
	`surname` text NOT NULL,
	`name` text NOT NULL,
	`patronymic` text,
	`email` text,
	`region` text NOT NULL,
	`school` text,
	`grade` integer NOT NULL,
	`subjects` text NOT NULL,
	`filters` text NOT NULL,
	`answered_count` integer DEFAULT 0 NOT NULL,
	`correct_count` integer DEFAULT 0 NOT NULL,
	`link_code` text,
	`link_code_expires_at` integer,
	`telegram_blocked_at` integer,
	`registered_at` integer NOT NULL,
	`last_active_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_student_user_unique` ON `trainer_student` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_student_telegram_unique` ON `trainer_student` (`telegram_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_student_link_code_unique` ON `trainer_student` (`link_code`);--> statement-breakpoint
CREATE INDEX `trainer_student_region_grade_idx` ON `trainer_student` (`region`,`grade`);--> statement-breakpoint
CREATE TABLE `trainer_subject` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trainer_theme` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `trainer_subject`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trainer_theme_name_unique` ON `trainer_theme` (`subject_id`,`name`);