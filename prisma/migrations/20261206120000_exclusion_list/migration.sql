-- The OIG exclusion list (LEIE), the names and NPIs each submission is screened by, its matches and the reviewers' decisions
-- (issue 15, docs/decisions/014-exclusion-list.md). Decisions are keyed on the entry's stable entry_key, never its row id.
-- CreateEnum
CREATE TYPE "ExclusionLoadOutcome" AS ENUM ('LOADED', 'REFUSED');

-- CreateEnum
CREATE TYPE "ExclusionDecisionKind" AS ENUM ('SAME_PROVIDER', 'NOT_SAME_PROVIDER');

-- CreateTable
CREATE TABLE "exclusion_load" (
    "id" TEXT NOT NULL,
    "outcome" "ExclusionLoadOutcome" NOT NULL,
    "file_name" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "loaded_by" TEXT NOT NULL,
    "problem" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_load_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion_entry" (
    "id" BIGSERIAL NOT NULL,
    "entry_key" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "last_name" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "mid_name" TEXT NOT NULL,
    "bus_name" TEXT NOT NULL,
    "general" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "upin" TEXT NOT NULL,
    "npi" TEXT,
    "dob" DATE,
    "address" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "zip" TEXT NOT NULL,
    "excl_type" TEXT NOT NULL,
    "excl_date" DATE,
    "rein_date" DATE,
    "waiver_date" DATE,
    "waiver_state" TEXT NOT NULL,
    "bus_key" TEXT,
    "person_key" TEXT,

    CONSTRAINT "exclusion_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion_subject" (
    "id" BIGSERIAL NOT NULL,
    "submission_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT,
    "name_key" TEXT,
    "is_person_only" BOOLEAN NOT NULL DEFAULT false,
    "npi" TEXT,
    "state" TEXT,

    CONSTRAINT "exclusion_subject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion_screening" (
    "submission_id" TEXT NOT NULL,
    "screened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_screening_pkey" PRIMARY KEY ("submission_id")
);

-- CreateTable
CREATE TABLE "exclusion_match" (
    "submission_id" TEXT NOT NULL,
    "entry_key" TEXT NOT NULL,
    "reasons" TEXT[],
    "entry" JSONB NOT NULL,
    "cleared" BOOLEAN NOT NULL DEFAULT false,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_match_pkey" PRIMARY KEY ("submission_id","entry_key")
);

-- CreateTable
CREATE TABLE "exclusion_decision" (
    "id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "entry_key" TEXT NOT NULL,
    "decision" "ExclusionDecisionKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "decided_by_id" TEXT,
    "decided_by_email" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exclusion_load_outcome_loaded_at_idx" ON "exclusion_load"("outcome", "loaded_at" DESC);

-- CreateIndex
CREATE INDEX "exclusion_entry_npi_idx" ON "exclusion_entry"("npi");

-- CreateIndex
CREATE INDEX "exclusion_entry_state_bus_key_idx" ON "exclusion_entry"("state", "bus_key");

-- CreateIndex
CREATE INDEX "exclusion_entry_state_person_key_idx" ON "exclusion_entry"("state", "person_key");

-- CreateIndex
CREATE INDEX "exclusion_subject_submission_id_idx" ON "exclusion_subject"("submission_id");

-- CreateIndex
CREATE INDEX "exclusion_subject_npi_idx" ON "exclusion_subject"("npi");

-- CreateIndex
CREATE INDEX "exclusion_subject_state_name_key_idx" ON "exclusion_subject"("state", "name_key");

-- CreateIndex
CREATE INDEX "exclusion_match_cleared_submission_id_idx" ON "exclusion_match"("cleared", "submission_id");

-- CreateIndex
CREATE UNIQUE INDEX "exclusion_decision_submission_id_entry_key_key" ON "exclusion_decision"("submission_id", "entry_key");

-- AddForeignKey
ALTER TABLE "exclusion_subject" ADD CONSTRAINT "exclusion_subject_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_screening" ADD CONSTRAINT "exclusion_screening_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_match" ADD CONSTRAINT "exclusion_match_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exclusion_decision" ADD CONSTRAINT "exclusion_decision_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
