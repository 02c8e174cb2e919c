DROP INDEX `registration_event_created_idx`;--> statement-breakpoint
DROP INDEX `registration_event_check_in_idx`;