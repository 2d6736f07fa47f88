-- The day and week totals are keyed by date (week) first, person second. Keyed by person
-- first, each check-in landed in that person's own part of the key: with months of
-- history every check-in dirtied a different page of a large index (and, after each
-- checkpoint, wrote a full image of it to the WAL). Keyed by date first, today's rows sit
-- together at the end of the key and a batch of check-ins shares a few pages, however
-- long the history is. One person's days are read by their dates (`date IN (…)`), each a
-- point of the key.
ALTER TABLE presence_days DROP CONSTRAINT presence_days_pkey,
    ADD CONSTRAINT presence_days_pkey PRIMARY KEY (date, employee_id);
ALTER TABLE presence_weeks DROP CONSTRAINT presence_weeks_pkey,
    ADD CONSTRAINT presence_weeks_pkey PRIMARY KEY (week, employee_id);
