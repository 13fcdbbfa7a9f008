DROP INDEX `applications_status`;--> statement-breakpoint
CREATE INDEX `applications_queue` ON `applications` (`status`,`submitted_at`,`id`);