CREATE TABLE `compliance_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`customer_id` text NOT NULL,
	`loan_id` text,
	`transaction_id` text NOT NULL,
	`business_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`details_json` text NOT NULL,
	`created_at` text NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	`review_note` text
);
--> statement-breakpoint
CREATE INDEX `compliance_flags_date` ON `compliance_flags` (`business_date`);--> statement-breakpoint
CREATE INDEX `compliance_flags_customer` ON `compliance_flags` (`customer_id`);