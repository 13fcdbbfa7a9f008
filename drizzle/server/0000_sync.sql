CREATE TABLE "aggregates" (
	"aggregate" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"version" integer NOT NULL,
	"state" jsonb NOT NULL,
	CONSTRAINT "aggregates_aggregate_aggregate_id_pk" PRIMARY KEY("aggregate","aggregate_id")
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"device_id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"mac" text NOT NULL,
	"broken_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content" text NOT NULL,
	"size_bytes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "branch_days" (
	"branch_id" text PRIMARY KEY NOT NULL,
	"last_closed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_audit" (
	"device_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"record" jsonb NOT NULL,
	CONSTRAINT "device_audit_device_id_seq_pk" PRIMARY KEY("device_id","seq")
);
--> statement-breakpoint
CREATE TABLE "device_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"device_no" integer NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"branches" jsonb,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_push_at" timestamp with time zone,
	"last_pull_at" timestamp with time zone,
	"pulled_through" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "devices_device_no_unique" UNIQUE("device_no")
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"auth_hash" text PRIMARY KEY NOT NULL,
	"wrapped_key" jsonb NOT NULL,
	"branches" jsonb,
	"created_by" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_by" text
);
--> statement-breakpoint
CREATE TABLE "events" (
	"global_seq" bigint PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"aggregate" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"schema_version" integer NOT NULL,
	"payload_json" text NOT NULL,
	"actor_id" text,
	"device_id" text NOT NULL,
	"branch_id" text,
	"business_date" text,
	"request_id" text,
	"occurred_at" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"aggregate_id" text NOT NULL,
	CONSTRAINT "identities_kind_value_pk" PRIMARY KEY("kind","value")
);
--> statement-breakpoint
CREATE TABLE "rejections" (
	"event_id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"details" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seq_counter" (
	"id" integer PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "events_scope" ON "events" USING btree ("branch_id","global_seq");--> statement-breakpoint
CREATE INDEX "events_request" ON "events" USING btree ("request_id");--> statement-breakpoint
INSERT INTO "seq_counter" ("id", "value") VALUES (1, 0);
