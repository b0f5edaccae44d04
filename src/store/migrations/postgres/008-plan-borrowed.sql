-- 008: a planning run counts the team's visits served by another team's
-- carer (borrowed when several teams are planned together).
ALTER TABLE plan_run ADD COLUMN borrowed integer NOT NULL DEFAULT 0;
