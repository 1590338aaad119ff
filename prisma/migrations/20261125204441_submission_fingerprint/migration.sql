-- AlterTable
ALTER TABLE "submission" ADD COLUMN     "fingerprint" TEXT;

-- CreateIndex
CREATE INDEX "submission_fingerprint_created_at_idx" ON "submission"("fingerprint", "created_at");
