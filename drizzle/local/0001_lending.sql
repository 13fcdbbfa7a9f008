CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`customer_id` text NOT NULL,
	`product_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`periods` integer NOT NULL,
	`rate_annual` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`score` integer,
	`grade` text,
	`assessment_json` text NOT NULL,
	`branch_id` text,
	`created_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`decision_note` text,
	`loan_id` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_number_unique` ON `applications` (`number`);--> statement-breakpoint
CREATE INDEX `applications_status` ON `applications` (`status`);--> statement-breakpoint
CREATE INDEX `applications_customer` ON `applications` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`resident_id` text,
	`phone` text,
	`bank_card` text,
	`birth_date` text,
	`sex` text,
	`address` text,
	`employer` text,
	`monthly_income_fen` integer,
	`monthly_debt_fen` integer,
	`employment_years` integer,
	`credit_code` text,
	`legal_rep_id` text,
	`registered_capital_fen` integer,
	`industry` text,
	`consent_at` text NOT NULL,
	`watchlist_json` text,
	`branch_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_number_unique` ON `customers` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_resident_id` ON `customers` (`resident_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_credit_code` ON `customers` (`credit_code`);--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`name`);--> statement-breakpoint
CREATE TABLE `eod_runs` (
	`business_date` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`cursor` text,
	`loans_done` integer DEFAULT 0 NOT NULL,
	`loans_total` integer DEFAULT 0 NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`actor_id` text
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`aggregate` text NOT NULL,
	`aggregate_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`payload_json` text NOT NULL,
	`actor_id` text,
	`device_id` text NOT NULL,
	`branch_id` text,
	`occurred_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_aggregate_version` ON `events` (`aggregate`,`aggregate_id`,`version`);--> statement-breakpoint
CREATE TABLE `installments` (
	`loan_id` text NOT NULL,
	`n` integer NOT NULL,
	`due_date` text NOT NULL,
	`principal_fen` integer NOT NULL,
	`interest_fen` integer NOT NULL,
	`payment_fen` integer NOT NULL,
	`paid_principal_fen` integer DEFAULT 0 NOT NULL,
	`paid_interest_fen` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `installments_loan_n` ON `installments` (`loan_id`,`n`);--> statement-breakpoint
CREATE INDEX `installments_due` ON `installments` (`due_date`);--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`posting_date` text NOT NULL,
	`value_date` text NOT NULL,
	`loan_id` text,
	`branch_id` text,
	`category` text NOT NULL,
	`memo` text NOT NULL,
	`source_ref` text,
	`created_at` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_entries_id_unique` ON `journal_entries` (`id`);--> statement-breakpoint
CREATE INDEX `journal_entries_date` ON `journal_entries` (`posting_date`);--> statement-breakpoint
CREATE INDEX `journal_entries_loan` ON `journal_entries` (`loan_id`);--> statement-breakpoint
CREATE TABLE `journal_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_seq` integer NOT NULL,
	`posting_date` text NOT NULL,
	`account_code` text NOT NULL,
	`debit_fen` integer NOT NULL,
	`credit_fen` integer NOT NULL,
	`loan_id` text,
	`branch_id` text,
	`category` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journal_lines_account_date` ON `journal_lines` (`account_code`,`posting_date`);--> statement-breakpoint
CREATE INDEX `journal_lines_loan` ON `journal_lines` (`loan_id`,`category`,`account_code`);--> statement-breakpoint
CREATE INDEX `journal_lines_entry` ON `journal_lines` (`entry_seq`);--> statement-breakpoint
CREATE TABLE `loan_transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`kind` text NOT NULL,
	`value_date` text NOT NULL,
	`booked_on` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`channel` text,
	`allocation_json` text,
	`reverses_id` text,
	`reversed_by_id` text,
	`note` text,
	`actor_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `loan_tx_loan` ON `loan_transactions` (`loan_id`);--> statement-breakpoint
CREATE INDEX `loan_tx_value_date` ON `loan_transactions` (`value_date`);--> statement-breakpoint
CREATE INDEX `loan_tx_booked` ON `loan_transactions` (`booked_on`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`application_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`product_id` text NOT NULL,
	`branch_id` text,
	`officer_id` text,
	`principal_fen` integer NOT NULL,
	`rate_annual` text NOT NULL,
	`annualized_rate` text NOT NULL,
	`periods` integer NOT NULL,
	`method` text NOT NULL,
	`contract_json` text NOT NULL,
	`status` text NOT NULL,
	`approved_by` text,
	`approved_at` text,
	`disbursed_on` text,
	`disbursed_by` text,
	`disbursement_channel` text,
	`maturity_date` text,
	`outstanding_principal_fen` integer DEFAULT 0 NOT NULL,
	`overdue_principal_fen` integer DEFAULT 0 NOT NULL,
	`accrued_interest_fen` integer DEFAULT 0 NOT NULL,
	`penalty_fen` integer DEFAULT 0 NOT NULL,
	`overpayment_fen` integer DEFAULT 0 NOT NULL,
	`dpd` integer DEFAULT 0 NOT NULL,
	`bucket` text DEFAULT 'M0' NOT NULL,
	`classification` text DEFAULT 'normal' NOT NULL,
	`classification_override_json` text,
	`provision_fen` integer DEFAULT 0 NOT NULL,
	`written_off_on` text,
	`closed_on` text,
	`position_as_of` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_number_unique` ON `loans` (`number`);--> statement-breakpoint
CREATE INDEX `loans_status` ON `loans` (`status`);--> statement-breakpoint
CREATE INDEX `loans_customer` ON `loans` (`customer_id`);--> statement-breakpoint
CREATE INDEX `loans_dpd` ON `loans` (`dpd`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`config_json` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_code_unique` ON `products` (`code`);--> statement-breakpoint
CREATE TABLE `watchlist` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`resident_id` text,
	`reason` text NOT NULL,
	`source` text NOT NULL
);
