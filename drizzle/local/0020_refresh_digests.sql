ALTER TABLE `loans` ADD `installments_hash` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `posted_hash` text;