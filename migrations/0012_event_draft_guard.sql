-- An event goes back to draft only while nobody holds a place or waits for one, whatever else
-- runs at the time: checked against the counts the registration triggers keep (migration 0010)
-- by the statement that changes the status. The service's read before it only words the usual
-- refusal; this catches the registration that lands in between.
CREATE TRIGGER `event_draft_guard` BEFORE UPDATE OF `status` ON `event`
WHEN NEW.`status` = 'draft' AND OLD.`status` <> 'draft' AND NEW.`places_taken` + NEW.`waitlisted` > 0 BEGIN
  SELECT RAISE(ABORT, 'draft with registrations');
END;
