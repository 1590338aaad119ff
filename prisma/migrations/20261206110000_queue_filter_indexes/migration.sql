-- The staff queue's filters together (issue 16): a kind or an assignee with a status. Without these, a person's or a
-- kind's rows are walked newest first until a page of the status turns up, which for a rare combination means every
-- row of that person or kind (300 ms at a million rows for a status none of someone's rows has).

-- CreateIndex
CREATE INDEX "submission_kind_status_created_at_id_idx" ON "submission"("kind", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "submission_assignee_id_status_created_at_id_idx" ON "submission"("assignee_id", "status", "created_at" DESC, "id" DESC);

-- The search by part of a name gives the trigram index only the term's rare words, judged by the names ANALYZE samples
-- (lib/staff/name-search.ts): a larger sample tells a word in 0.1 % of names from one in 1 %.
ALTER TABLE "submission" ALTER COLUMN "name" SET STATISTICS 1000;
