CREATE TABLE `document_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`key_base64` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `receipts` (
	`transaction_id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`branch_id` text,
	`receipt_number` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text,
	`device_id` text NOT NULL,
	`print_count` integer DEFAULT 0 NOT NULL,
	`last_printed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_receipt_number_unique` ON `receipts` (`receipt_number`);--> statement-breakpoint
CREATE INDEX `receipts_loan` ON `receipts` (`loan_id`);