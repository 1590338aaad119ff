-- The database, not the application, says when an audit event happened: whatever time an INSERT gives, the event
-- is stamped with the time of its transaction, so no row can be back-dated (issue: secrets and accountability).
CREATE FUNCTION "audit_event_stamp_time"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."at" := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER "audit_event_time_is_the_database_s" BEFORE INSERT ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_stamp_time"();
