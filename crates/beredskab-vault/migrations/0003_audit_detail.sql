-- Audit entries can carry a detail (counts and choices as JSON, never content):
-- how many concerns a list showed and with which filter, what a reset lost.
ALTER TABLE audit ADD COLUMN detail TEXT;
