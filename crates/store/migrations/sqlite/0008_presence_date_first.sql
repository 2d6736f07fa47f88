-- The day and week totals are keyed by date (week) first, person second. Keyed by person
-- first, each check-in landed in that person's own part of the key: with months of
-- history every check-in dirtied a different page of a large index, and every checkpoint
-- copied them all. Keyed by date first, today's rows sit together at the end of the key
-- and a batch of check-ins shares a few pages, however long the history is. One person's
-- days are read by their dates (`date IN (…)`), each a point of the key.
--
-- SQLite cannot change a primary key in place: each table is copied into its new shape.
CREATE TABLE presence_days_by_date (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    check_in_at INTEGER,
    check_in_location TEXT,
    check_out_at INTEGER,
    check_out_location TEXT,
    planned_location TEXT,
    mismatch INTEGER NOT NULL DEFAULT 0,
    expected_minutes INTEGER NOT NULL DEFAULT 0,
    effective_minutes INTEGER NOT NULL DEFAULT 0,
    late_minutes INTEGER NOT NULL DEFAULT 0,
    core_hours_met INTEGER NOT NULL DEFAULT 0,
    corrected INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (date, employee_id)
);
INSERT INTO presence_days_by_date (agency_id, employee_id, date, unit_id, check_in_at,
    check_in_location, check_out_at, check_out_location, planned_location, mismatch,
    expected_minutes, effective_minutes, late_minutes, core_hours_met, corrected, updated_at)
SELECT agency_id, employee_id, date, unit_id, check_in_at, check_in_location, check_out_at,
    check_out_location, planned_location, mismatch, expected_minutes, effective_minutes,
    late_minutes, core_hours_met, corrected, updated_at
FROM presence_days ORDER BY date, employee_id;
DROP TABLE presence_days;
ALTER TABLE presence_days_by_date RENAME TO presence_days;
CREATE INDEX presence_days_unit ON presence_days (agency_id, unit_id, date);

CREATE TABLE presence_weeks_by_week (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    week TEXT NOT NULL,
    required_minutes INTEGER NOT NULL,
    effective_minutes INTEGER NOT NULL DEFAULT 0,
    days_present INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (week, employee_id)
);
INSERT INTO presence_weeks_by_week (agency_id, employee_id, week, required_minutes,
    effective_minutes, days_present, updated_at)
SELECT agency_id, employee_id, week, required_minutes, effective_minutes, days_present, updated_at
FROM presence_weeks ORDER BY week, employee_id;
DROP TABLE presence_weeks;
ALTER TABLE presence_weeks_by_week RENAME TO presence_weeks;
