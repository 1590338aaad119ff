-- CreateTable
CREATE TABLE "clinic_email_registration" (
    "submission_id" TEXT NOT NULL,
    "clinic_name" TEXT NOT NULL,
    "clinic_npi" TEXT NOT NULL,
    "clinic_phone" TEXT NOT NULL,
    "registrant_name" TEXT NOT NULL,
    "registrant_email" TEXT NOT NULL,
    "forwarded_at" TIMESTAMPTZ(3),

    CONSTRAINT "clinic_email_registration_pkey" PRIMARY KEY ("submission_id")
);

-- CreateTable
CREATE TABLE "clinic_alert_contact" (
    "id" TEXT NOT NULL,
    "registration_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "job_title" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "resent_at" TIMESTAMPTZ(3)[],

    CONSTRAINT "clinic_alert_contact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "clinic_email_registration_forwarded_at_idx" ON "clinic_email_registration"("forwarded_at");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_alert_contact_token_hash_key" ON "clinic_alert_contact"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_alert_contact_registration_id_position_key" ON "clinic_alert_contact"("registration_id", "position");

-- AddForeignKey
ALTER TABLE "clinic_email_registration" ADD CONSTRAINT "clinic_email_registration_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_alert_contact" ADD CONSTRAINT "clinic_alert_contact_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "clinic_email_registration"("submission_id") ON DELETE CASCADE ON UPDATE CASCADE;
