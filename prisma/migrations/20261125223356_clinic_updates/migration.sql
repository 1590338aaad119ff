-- CreateEnum
CREATE TYPE "ClinicChange" AS ENUM ('ADDRESS', 'PHONE_FAX', 'NAME', 'HOURS', 'ACCEPTING_PATIENTS', 'PROVIDER_JOINING', 'PROVIDER_LEAVING', 'TIN', 'OTHER');

-- CreateEnum
CREATE TYPE "ProviderDirection" AS ENUM ('JOINING', 'LEAVING');

-- CreateTable
CREATE TABLE "clinic_update" (
    "submission_id" TEXT NOT NULL,
    "clinic_name" TEXT NOT NULL,
    "clinic_npi" TEXT NOT NULL,
    "tin_ciphertext" TEXT NOT NULL,
    "tin_last4" TEXT NOT NULL,
    "tin_hash" TEXT NOT NULL,
    "sender_name" TEXT NOT NULL,
    "sender_job_title" TEXT NOT NULL,
    "sender_email" TEXT NOT NULL,
    "sender_phone" TEXT NOT NULL,
    "changes" "ClinicChange"[],
    "effective_date" DATE NOT NULL,
    "notes" TEXT,
    "new_street" TEXT,
    "new_line2" TEXT,
    "new_city" TEXT,
    "new_state" TEXT,
    "new_zip" TEXT,
    "new_phone" TEXT,
    "new_fax" TEXT,
    "new_clinic_name" TEXT,
    "new_hours" TEXT,
    "accepting_new_patients" BOOLEAN,
    "new_tin_ciphertext" TEXT,
    "new_tin_last4" TEXT,
    "new_tin_hash" TEXT,
    "description" TEXT,

    CONSTRAINT "clinic_update_pkey" PRIMARY KEY ("submission_id")
);

-- CreateTable
CREATE TABLE "clinic_update_provider" (
    "id" TEXT NOT NULL,
    "update_id" TEXT NOT NULL,
    "direction" "ProviderDirection" NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "npi" TEXT NOT NULL,

    CONSTRAINT "clinic_update_provider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clinic_update_provider_npi_idx" ON "clinic_update_provider"("npi");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_update_provider_update_id_direction_position_key" ON "clinic_update_provider"("update_id", "direction", "position");

-- AddForeignKey
ALTER TABLE "clinic_update" ADD CONSTRAINT "clinic_update_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_update_provider" ADD CONSTRAINT "clinic_update_provider_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "clinic_update"("submission_id") ON DELETE CASCADE ON UPDATE CASCADE;
