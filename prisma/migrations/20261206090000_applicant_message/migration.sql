-- CreateTable: a reviewer's message to the person who sent a submission, sent with a move of its status.
CREATE TABLE "applicant_message" (
    "id" TEXT NOT NULL,
    "submission_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "status" "SubmissionStatus" NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applicant_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "applicant_message_submission_id_created_at_idx" ON "applicant_message"("submission_id", "created_at");

-- AddForeignKey
ALTER TABLE "applicant_message" ADD CONSTRAINT "applicant_message_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "applicant_message" ADD CONSTRAINT "applicant_message_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
