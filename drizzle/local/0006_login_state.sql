CREATE TABLE `login_state` (
	`user_id` text PRIMARY KEY NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
-- Sign-in throttling is this device's own state: it leaves the users projection.
INSERT INTO `login_state` (`user_id`, `failed_logins`, `locked_until`) SELECT `id`, `failed_logins`, `locked_until` FROM `users` WHERE `failed_logins` > 0 OR `locked_until` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `failed_logins`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `locked_until`;