-- The event log becomes the source of truth (issue 7). Document contents move to
-- content-addressed blobs; the journal is rebuilt from the log as a projection
-- (the old append-only, insertion-ordered journal is dropped with its triggers:
-- the app's upgrade step re-logs the old rows as complete events and rebuilds).
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size_bytes` integer NOT NULL,
	`content` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `blobs` (`sha256`, `size_bytes`, `content`, `created_at`) SELECT `sha256`, `size_bytes`, `content`, `uploaded_at` FROM `loan_documents`;--> statement-breakpoint
ALTER TABLE `loan_documents` DROP COLUMN `content`;--> statement-breakpoint
DROP TABLE `journal_entries`;--> statement-breakpoint
DROP TABLE `journal_lines`;--> statement-breakpoint
DROP INDEX `events_aggregate_version`;--> statement-breakpoint
ALTER TABLE `events` ADD `kind` text DEFAULT 'transition' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `schema_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `business_date` text;--> statement-breakpoint
ALTER TABLE `events` ADD `request_id` text;--> statement-breakpoint
ALTER TABLE `events` ADD `global_seq` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `rejection_json` text;--> statement-breakpoint
CREATE INDEX `events_aggregate` ON `events` (`aggregate`,`aggregate_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_status` ON `events` (`status`);--> statement-breakpoint
CREATE INDEX `events_global_seq` ON `events` (`global_seq`);--> statement-breakpoint
ALTER TABLE `branches` ADD `opened_on` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `posted_through` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `write_off_proposal_json` text;--> statement-breakpoint
ALTER TABLE `watchlist` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `watchlist` ADD `created_at` text;--> statement-breakpoint
CREATE TABLE `days_closed` (
	`branch_id` text NOT NULL,
	`business_date` text NOT NULL,
	`closed_by` text,
	`closed_at` text NOT NULL,
	PRIMARY KEY(`branch_id`, `business_date`)
);
--> statement-breakpoint
CREATE TABLE `journal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`posting_date` text NOT NULL,
	`value_date` text NOT NULL,
	`loan_id` text,
	`branch_id` text,
	`category` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`adjustment` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journal_entries_date` ON `journal_entries` (`posting_date`);--> statement-breakpoint
CREATE INDEX `journal_entries_loan` ON `journal_entries` (`loan_id`,`posting_date`);--> statement-breakpoint
CREATE TABLE `journal_lines` (
	`entry_id` text NOT NULL,
	`account_code` text NOT NULL,
	`debit_fen` integer NOT NULL,
	`credit_fen` integer NOT NULL,
	`posting_date` text NOT NULL,
	`loan_id` text,
	`branch_id` text,
	`category` text NOT NULL,
	PRIMARY KEY(`entry_id`, `account_code`)
);
--> statement-breakpoint
CREATE INDEX `journal_lines_account_date` ON `journal_lines` (`account_code`,`posting_date`);--> statement-breakpoint
CREATE INDEX `journal_lines_loan_date` ON `journal_lines` (`loan_id`,`posting_date`);--> statement-breakpoint
CREATE TABLE `loan_posted` (
	`loan_id` text NOT NULL,
	`category` text NOT NULL,
	`account_code` text NOT NULL,
	`net_fen` integer NOT NULL,
	PRIMARY KEY(`loan_id`, `category`, `account_code`)
);
--> statement-breakpoint
CREATE TABLE `period_closes` (
	`through` text PRIMARY KEY NOT NULL,
	`closed_by` text,
	`closed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`method` text NOT NULL,
	`input_hash` text NOT NULL,
	`user_id` text,
	`result_json` text NOT NULL,
	`at` text NOT NULL
);--> statement-breakpoint
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY events'); END;--> statement-breakpoint
CREATE TRIGGER events_no_rewrite BEFORE UPDATE OF id, aggregate, aggregate_id, version, kind, type, schema_version, payload_json, actor_id, device_id, branch_id, business_date, request_id, occurred_at ON events BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY events'); END;--> statement-breakpoint
CREATE TABLE `local_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` text NOT NULL
);
