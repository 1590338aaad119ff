-- CreateTable
CREATE TABLE "submission_note" (
    "id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "submission_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "submission_note_submission_id_created_at_idx" ON "submission_note"("submission_id", "created_at");

-- AddForeignKey
ALTER TABLE "submission_note" ADD CONSTRAINT "submission_note_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission_note" ADD CONSTRAINT "submission_note_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
