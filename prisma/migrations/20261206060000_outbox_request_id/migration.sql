-- AlterTable: the request that wrote a message, to follow it from the request's log line to its delivery's.
ALTER TABLE "outbox_message" ADD COLUMN "request_id" TEXT;
