-- An event's visitor limit never goes below the places taken, whatever else runs at the time: the
-- statement that changes the limit checks it against the count the registration triggers keep
-- (migration 0010), so the check and the count are one step. The service's read before it only
-- words the usual refusal; this catches the registration that lands in between.
CREATE TRIGGER `event_limit_guard` BEFORE UPDATE OF `visitor_limit` ON `event`
WHEN NEW.`visitor_limit` IS NOT NULL AND NEW.`visitor_limit` < NEW.`places_taken` BEGIN
  SELECT RAISE(ABORT, 'visitor_limit below places_taken');
END;
