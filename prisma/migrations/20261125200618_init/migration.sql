-- CreateEnum
CREATE TYPE "SubmissionKind" AS ENUM ('CONTRACT_REQUEST', 'CLINIC_EMAILS', 'CLINIC_UPDATE');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('NEW', 'IN_REVIEW', 'WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED', 'CLOSED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "submission" (
    "id" TEXT NOT NULL,
    "kind" "SubmissionKind" NOT NULL,
    "reference" TEXT NOT NULL,
    "submission_key" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL DEFAULT 'NEW',
    "version" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "npi" TEXT,
    "tin_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_request" (
    "submission_id" TEXT NOT NULL,
    "provider_name" TEXT NOT NULL,
    "taxonomy_code" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "fax" TEXT,
    "email" TEXT NOT NULL,
    "physical_street" TEXT NOT NULL,
    "physical_line2" TEXT,
    "physical_city" TEXT NOT NULL,
    "physical_state" TEXT NOT NULL,
    "physical_zip" TEXT NOT NULL,
    "mailing_street" TEXT,
    "mailing_line2" TEXT,
    "mailing_city" TEXT,
    "mailing_state" TEXT,
    "mailing_zip" TEXT,
    "npi" TEXT NOT NULL,
    "tin_ciphertext" TEXT NOT NULL,
    "tin_last4" TEXT NOT NULL,
    "tin_hash" TEXT NOT NULL,
    "dmap_id" TEXT,
    "dmap_pending" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,

    CONSTRAINT "contract_request_pkey" PRIMARY KEY ("submission_id")
);

-- CreateTable
CREATE TABLE "outbox_message" (
    "id" TEXT NOT NULL,
    "submission_id" TEXT,
    "template" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "reply_to" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "submission_reference_key" ON "submission"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "submission_submission_key_key" ON "submission"("submission_key");

-- CreateIndex
CREATE INDEX "submission_created_at_id_idx" ON "submission"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "submission_npi_idx" ON "submission"("npi");

-- CreateIndex
CREATE INDEX "submission_tin_hash_idx" ON "submission"("tin_hash");

-- CreateIndex
CREATE INDEX "outbox_message_status_next_attempt_at_idx" ON "outbox_message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_message_submission_id_idx" ON "outbox_message"("submission_id");

-- AddForeignKey
ALTER TABLE "contract_request" ADD CONSTRAINT "contract_request_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE SET NULL ON UPDATE CASCADE;
