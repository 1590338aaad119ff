-- AlterTable: when staff last sent a failed message again by hand (Retry); its give-up time counts from then.
ALTER TABLE "outbox_message" ADD COLUMN "retried_at" TIMESTAMPTZ(3);

-- CreateIndex: the mail console lists each state newest first.
CREATE INDEX "outbox_message_status_created_at_id_idx" ON "outbox_message"("status", "created_at" DESC, "id" DESC);
