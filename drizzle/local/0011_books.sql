CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`type` text NOT NULL,
	`parent_id` text,
	`system` integer NOT NULL,
	`active` integer NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `loan_tax` (
	`loan_id` text NOT NULL,
	`posting_date` text NOT NULL,
	`branch_id` text,
	`interest_base_fen` integer NOT NULL,
	`penalty_base_fen` integer NOT NULL,
	`fees_base_fen` integer NOT NULL,
	`vat_fen` integer NOT NULL,
	`exempt_fen` integer NOT NULL,
	`deferred_fen` integer NOT NULL,
	`off_balance_fen` integer NOT NULL,
	PRIMARY KEY(`loan_id`, `posting_date`)
);
--> statement-breakpoint
CREATE INDEX `loan_tax_date` ON `loan_tax` (`posting_date`);--> statement-breakpoint
CREATE TABLE `manual_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`value_date` text NOT NULL,
	`posting_date` text,
	`memo` text NOT NULL,
	`lines_json` text NOT NULL,
	`debit_fen` integer NOT NULL,
	`reverses_id` text,
	`reversed_by_id` text,
	`branch_id` text,
	`proposed_by` text,
	`proposed_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manual_entries_number_unique` ON `manual_entries` (`number`);--> statement-breakpoint
CREATE INDEX `manual_entries_status` ON `manual_entries` (`status`);--> statement-breakpoint
CREATE INDEX `manual_entries_posting` ON `manual_entries` (`posting_date`);--> statement-breakpoint
ALTER TABLE `customers` ADD `farm_household` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `non_accrual_since` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `off_balance_interest_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `interest_advance_fen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `loans` ADD `written_off_principal_fen` integer DEFAULT 0 NOT NULL;