-- Trigram matching for the staff queue's search by part of a name (a trusted extension since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "submission_name_trgm_idx" ON "submission" USING GIN ("name" gin_trgm_ops);
