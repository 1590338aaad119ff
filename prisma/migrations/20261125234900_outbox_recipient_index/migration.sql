-- CreateIndex
CREATE INDEX "outbox_message_to_created_at_idx" ON "outbox_message"("to", "created_at");
