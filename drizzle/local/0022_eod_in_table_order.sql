DROP INDEX `loans_status_branch`;--> statement-breakpoint
CREATE INDEX `loans_status_branch` ON `loans` (`status`,`branch_id`);