ALTER TABLE `loan_transactions` ADD `counterparty_account` text;--> statement-breakpoint
ALTER TABLE `loan_transactions` ADD `transfer_ref` text;--> statement-breakpoint
ALTER TABLE `loans` ADD `cancellation_json` text;--> statement-breakpoint
ALTER TABLE `products` ADD `name_en` text;