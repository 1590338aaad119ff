-- CreateIndex
CREATE INDEX "submission_email_idx" ON "submission"("email");

-- Addresses stored before this migration, lower-cased like every new one.
UPDATE "submission" SET "email" = lower("email") WHERE "email" <> lower("email");
