-- A repayment's bank reference is unique across the company: the references of the
-- repayments accepted before the rule are claimed, the earliest accepted first.
INSERT INTO "identities" ("kind", "value", "aggregate_id")
SELECT DISTINCT ON ("ref") 'transferRef', "ref", "aggregate_id"
FROM (
  SELECT "payload_json"::jsonb ->> 'transferRef' AS "ref", "aggregate_id", "global_seq"
  FROM "events"
  WHERE "type" = 'RepaymentRecorded'
) AS "refs"
WHERE "ref" IS NOT NULL AND "ref" <> ''
ORDER BY "ref", "global_seq"
ON CONFLICT DO NOTHING;
