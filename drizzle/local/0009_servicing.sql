ALTER TABLE `loan_transactions` ADD `intent` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `penalty_bound_on` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `penalty_forgone_fen` integer DEFAULT 0 NOT NULL;