CREATE TABLE `loan_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`note` text,
	`uploaded_by` text NOT NULL,
	`uploaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `loan_documents_loan` ON `loan_documents` (`loan_id`);--> statement-breakpoint
CREATE TRIGGER loan_documents_no_update BEFORE UPDATE ON loan_documents BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY loan_documents'); END;
