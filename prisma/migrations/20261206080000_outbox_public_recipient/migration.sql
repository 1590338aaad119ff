-- AlterTable: the lower-cased recipient of mail sent to an address typed into a public form, which the cap of
-- PUBLIC_MAILS_PER_ADDRESS_PER_HOUR counts; null for mail to the plan's inboxes and to staff.
ALTER TABLE "outbox_message" ADD COLUMN "public_recipient" TEXT;

-- DropIndex: the sign-in link limit no longer counts the outbox (it counts per staff address and client address).
DROP INDEX "outbox_message_to_created_at_idx";

-- CreateIndex
CREATE INDEX "outbox_message_public_recipient_created_at_idx" ON "outbox_message"("public_recipient", "created_at");
