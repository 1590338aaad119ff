-- CreateTable
CREATE TABLE "submission_count" (
    "kind" "SubmissionKind" NOT NULL,
    "status" "SubmissionStatus" NOT NULL,
    "assignee_key" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "submission_count_pkey" PRIMARY KEY ("kind","status","assignee_key")
);

-- Kept by the database itself, whatever writes to submission.
CREATE FUNCTION "submission_count_add"(k "SubmissionKind", s "SubmissionStatus", a TEXT, delta BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "submission_count" ("kind", "status", "assignee_key", "count") VALUES (k, s, a, delta)
  ON CONFLICT ("kind", "status", "assignee_key") DO UPDATE SET "count" = "submission_count"."count" + delta;
$$;

CREATE FUNCTION "submission_count_track"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key TEXT;
  new_key TEXT;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "submission_count";
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM "submission_count_add"(NEW."kind", NEW."status", coalesce(NEW."assignee_id", ''), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "submission_count_add"(OLD."kind", OLD."status", coalesce(OLD."assignee_id", ''), -1);
  ELSE
    old_key := OLD."kind" || '/' || OLD."status" || '/' || coalesce(OLD."assignee_id", '');
    new_key := NEW."kind" || '/' || NEW."status" || '/' || coalesce(NEW."assignee_id", '');
    IF old_key <> new_key THEN
      -- Always the lower key first, so two moves in opposite directions never wait on each other (no deadlock).
      IF old_key < new_key THEN
        PERFORM "submission_count_add"(OLD."kind", OLD."status", coalesce(OLD."assignee_id", ''), -1);
        PERFORM "submission_count_add"(NEW."kind", NEW."status", coalesce(NEW."assignee_id", ''), 1);
      ELSE
        PERFORM "submission_count_add"(NEW."kind", NEW."status", coalesce(NEW."assignee_id", ''), 1);
        PERFORM "submission_count_add"(OLD."kind", OLD."status", coalesce(OLD."assignee_id", ''), -1);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "submission_count_rows" AFTER INSERT OR DELETE OR UPDATE OF "kind", "status", "assignee_id" ON "submission"
  FOR EACH ROW EXECUTE FUNCTION "submission_count_track"();
CREATE TRIGGER "submission_count_truncate" AFTER TRUNCATE ON "submission"
  FOR EACH STATEMENT EXECUTE FUNCTION "submission_count_track"();

INSERT INTO "submission_count" ("kind", "status", "assignee_key", "count")
  SELECT "kind", "status", coalesce("assignee_id", ''), count(*) FROM "submission" GROUP BY 1, 2, 3;
