ALTER TABLE `event` ADD `places_taken` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event` ADD `waitlisted` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Each event's places taken and waiting list as they stand, then kept in step by the triggers
-- below, inside the statement that adds a registration or changes its status (D1 runs one
-- statement at a time, so the counts are never seen half moved). Written by hand: drizzle-kit
-- knows no triggers.
UPDATE `event` SET
  `places_taken` = (SELECT COUNT(*) FROM `registration` r WHERE r.`event_id` = `event`.`id`
    AND r.`status` IN ('awaiting_payment', 'confirmed', 'checked_in')),
  `waitlisted` = (SELECT COUNT(*) FROM `registration` r WHERE r.`event_id` = `event`.`id` AND r.`status` = 'waitlisted');--> statement-breakpoint
CREATE TRIGGER `registration_counts_insert` AFTER INSERT ON `registration` BEGIN
  UPDATE `event` SET
    `places_taken` = `places_taken` + (NEW.`status` IN ('awaiting_payment', 'confirmed', 'checked_in')),
    `waitlisted` = `waitlisted` + (NEW.`status` = 'waitlisted')
  WHERE `id` = NEW.`event_id` AND NEW.`status` <> 'cancelled';
END;--> statement-breakpoint
CREATE TRIGGER `registration_counts_update` AFTER UPDATE OF `status`, `event_id` ON `registration`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`event_id` IS NOT NEW.`event_id` BEGIN
  UPDATE `event` SET
    `places_taken` = `places_taken` - (OLD.`status` IN ('awaiting_payment', 'confirmed', 'checked_in')),
    `waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted')
  WHERE `id` = OLD.`event_id`;
  UPDATE `event` SET
    `places_taken` = `places_taken` + (NEW.`status` IN ('awaiting_payment', 'confirmed', 'checked_in')),
    `waitlisted` = `waitlisted` + (NEW.`status` = 'waitlisted')
  WHERE `id` = NEW.`event_id`;
END;--> statement-breakpoint
CREATE TRIGGER `registration_counts_delete` AFTER DELETE ON `registration` BEGIN
  UPDATE `event` SET
    `places_taken` = `places_taken` - (OLD.`status` IN ('awaiting_payment', 'confirmed', 'checked_in')),
    `waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted')
  WHERE `id` = OLD.`event_id`;
END;
