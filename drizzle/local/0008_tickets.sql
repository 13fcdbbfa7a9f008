CREATE TABLE `collection_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`business_date` text NOT NULL,
	`contacted_by` text,
	`contacted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collection_contacts_loan` ON `collection_contacts` (`loan_id`,`contacted_at`);--> statement-breakpoint
CREATE TABLE `collection_promises` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`contact_id` text,
	`amount_fen` integer NOT NULL,
	`promised_date` text NOT NULL,
	`made_on` text NOT NULL,
	`made_by` text,
	`made_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `collection_promises_loan` ON `collection_promises` (`loan_id`,`made_at`);--> statement-breakpoint
CREATE INDEX `collection_promises_by` ON `collection_promises` (`made_by`);--> statement-breakpoint
CREATE TABLE `ticket_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`loan_id` text NOT NULL,
	`customer_id` text,
	`branch_id` text,
	`officer_id` text,
	`note` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text,
	`requested_at` text NOT NULL,
	`outcome` text,
	`completed_by` text,
	`completed_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_actions_branch` ON `ticket_actions` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `ticket_actions_ticket` ON `ticket_actions` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text,
	`uploaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_attachments_ticket` ON `ticket_attachments` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`source` text NOT NULL,
	`recorded_by` text,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_feedback_ticket` ON `ticket_feedback` (`ticket_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `ticket_mentions` (
	`message_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	PRIMARY KEY(`message_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `ticket_mentions_user` ON `ticket_mentions` (`user_id`);--> statement-breakpoint
CREATE TABLE `ticket_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`canned_code` text,
	`author_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ticket_messages_ticket` ON `ticket_messages` (`ticket_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`channel` text NOT NULL,
	`category` text NOT NULL,
	`priority` text NOT NULL,
	`subject` text NOT NULL,
	`description` text NOT NULL,
	`status` text NOT NULL,
	`customer_id` text,
	`loan_id` text,
	`branch_id` text,
	`team` text,
	`assignee_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`policy_json` text NOT NULL,
	`timeline_json` text NOT NULL,
	`first_response_at` text,
	`fr_state` text NOT NULL,
	`fr_elapsed_ms` integer NOT NULL,
	`fr_due_at` text,
	`fr_breached_at` text,
	`fr_escalated_at` text,
	`res_state` text NOT NULL,
	`res_elapsed_ms` integer NOT NULL,
	`res_due_at` text,
	`res_breached_at` text,
	`res_escalated_at` text,
	`escalated_to` text,
	`resolved_at` text,
	`resolution_note` text,
	`root_cause` text,
	`closed_at` text,
	`auto_closed` integer DEFAULT false NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`last_message_at` text,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number_unique` ON `tickets` (`number`);--> statement-breakpoint
CREATE INDEX `tickets_status` ON `tickets` (`status`);--> statement-breakpoint
CREATE INDEX `tickets_branch` ON `tickets` (`branch_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_assignee` ON `tickets` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_customer` ON `tickets` (`customer_id`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`);