CREATE TABLE `backup_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`file` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`outcome` text NOT NULL,
	`error` text,
	`actor_id` text
);
--> statement-breakpoint
CREATE INDEX `backup_runs_at` ON `backup_runs` (`at`);--> statement-breakpoint
CREATE TABLE `summary_account_daily` (
	`posting_date` text NOT NULL,
	`account_code` text NOT NULL,
	`branch_id` text NOT NULL,
	`debit_fen` integer NOT NULL,
	`credit_fen` integer NOT NULL,
	`lines` integer NOT NULL,
	PRIMARY KEY(`posting_date`, `account_code`, `branch_id`)
);
--> statement-breakpoint
CREATE TABLE `summary_flows_daily` (
	`booked_on` text NOT NULL,
	`kind` text NOT NULL,
	`branch_id` text NOT NULL,
	`product_id` text NOT NULL,
	`officer_id` text NOT NULL,
	`channel` text NOT NULL,
	`count` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`rate_weighted` real NOT NULL,
	PRIMARY KEY(`booked_on`, `kind`, `branch_id`, `product_id`, `officer_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `summary_loan_month` (
	`month` text NOT NULL,
	`loan_id` text NOT NULL,
	`as_of` text NOT NULL,
	`status` text NOT NULL,
	`bucket` text NOT NULL,
	`outstanding_principal_fen` integer NOT NULL,
	PRIMARY KEY(`month`, `loan_id`)
);
--> statement-breakpoint
CREATE TABLE `summary_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `summary_portfolio_daily` (
	`as_of` text NOT NULL,
	`branch_id` text NOT NULL,
	`product_id` text NOT NULL,
	`method` text NOT NULL,
	`officer_id` text NOT NULL,
	`classification` text NOT NULL,
	`bucket` text NOT NULL,
	`source` text NOT NULL,
	`loans` integer NOT NULL,
	`outstanding_principal_fen` integer NOT NULL,
	`overdue_principal_fen` integer NOT NULL,
	`receivable_fen` integer NOT NULL,
	`provision_fen` integer NOT NULL,
	`rate_weighted` real NOT NULL,
	PRIMARY KEY(`as_of`, `branch_id`, `product_id`, `method`, `officer_id`, `classification`, `bucket`)
);
--> statement-breakpoint
ALTER TABLE `compliance_flags` ADD `decision` text;--> statement-breakpoint
CREATE INDEX `applications_submitted` ON `applications` (`submitted_at`);