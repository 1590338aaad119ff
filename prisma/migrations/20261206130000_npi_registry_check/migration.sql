-- CreateEnum: what the NPI registry (NPPES) said of an NPI a form took (docs/decisions/015-npi-registry-check.md).
CREATE TYPE "RegistryCheckStatus" AS ENUM ('FOUND', 'NOT_FOUND', 'DEACTIVATED', 'NOT_CHECKED');

-- CreateTable: one row per NPI of a submission (the provider's, the clinic's, each provider joining or leaving),
-- with what was typed beside what the registry holds; NOT_CHECKED rows are tried again by the outbox worker.
CREATE TABLE "registry_check" (
    "id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "npi" TEXT NOT NULL,
    "typed_name" TEXT,
    "typed_taxonomy_code" TEXT,
    "typed_state" TEXT,
    "status" "RegistryCheckStatus" NOT NULL DEFAULT 'NOT_CHECKED',
    "enumeration_type" TEXT,
    "registry_name" TEXT,
    "registry_specialties" JSONB,
    "registry_city" TEXT,
    "registry_state" TEXT,
    "deactivation_date" TEXT,
    "differences" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "needs_attention" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registry_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable: the registry's answers, per NPI, for 24 hours: shared by the server, the worker and the CLI.
CREATE TABLE "npi_registry_cache" (
    "npi" TEXT NOT NULL,
    "found" BOOLEAN NOT NULL,
    "result" JSONB,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "npi_registry_cache_pkey" PRIMARY KEY ("npi")
);

-- CreateIndex
CREATE UNIQUE INDEX "registry_check_submission_id_role_position_key" ON "registry_check"("submission_id", "role", "position");

-- CreateIndex: the worker's due NOT_CHECKED rows.
CREATE INDEX "registry_check_status_next_attempt_at_idx" ON "registry_check"("status", "next_attempt_at");

-- CreateIndex: the queue's filter for differences and numbers not found.
CREATE INDEX "registry_check_needs_attention_submission_id_idx" ON "registry_check"("needs_attention", "submission_id");

-- AddForeignKey
ALTER TABLE "registry_check" ADD CONSTRAINT "registry_check_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
