CREATE TABLE `loan_contracts` (
	`loan_id` text PRIMARY KEY NOT NULL,
	`contract_json` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `loans_status_branch` ON `loans` (`status`,`branch_id`,`id`);--> statement-breakpoint
INSERT INTO `loan_contracts` (`loan_id`, `contract_json`) SELECT `id`, `contract_json` FROM `loans`;
--> statement-breakpoint
ALTER TABLE `loans` DROP COLUMN `contract_json`;