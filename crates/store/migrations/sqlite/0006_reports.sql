-- Daily and weekly reports (issue 5), the running output totals that dashboards read,
-- and background jobs. Dates are 'YYYY-MM-DD' in the unit's time zone; instants are UTC
-- milliseconds; every tenant row carries agency_id.

-- One report per person and day (progres harian): the counts of its items by status are
-- kept on the row, so a replacement knows what it takes back from the running totals.
CREATE TABLE daily_reports (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    -- where the day was worked, as dashboards split it
    place TEXT NOT NULL CHECK (place IN ('office', 'remote')),
    items_done INTEGER NOT NULL,
    items_in_progress INTEGER NOT NULL,
    items_blocked INTEGER NOT NULL,
    evidence_link TEXT,
    evidence_file_id INTEGER REFERENCES evidence_files(id),
    -- submitted after the end of its day
    late INTEGER NOT NULL DEFAULT 0,
    -- bumped by every write, so a write applies only to the version it read
    version INTEGER NOT NULL DEFAULT 1,
    submitted_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by INTEGER REFERENCES employees(id),
    comment TEXT,
    commented_at INTEGER,
    UNIQUE (employee_id, date)
);
CREATE INDEX daily_reports_unit ON daily_reports (agency_id, unit_id, date);
CREATE TABLE daily_report_items (
    report_id INTEGER NOT NULL REFERENCES daily_reports(id),
    position INTEGER NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'in_progress', 'blocked')),
    needs TEXT,
    task_id INTEGER REFERENCES tasks(id),
    result_id INTEGER REFERENCES planned_results(id),
    -- agency first: the key a report's items are read by (every query filters by agency)
    PRIMARY KEY (agency_id, report_id, position)
);
CREATE INDEX daily_report_items_task ON daily_report_items (agency_id, task_id);
CREATE INDEX daily_report_items_result ON daily_report_items (agency_id, result_id);

-- The weekly report: the employee's reflection on a week (its Monday), with the counts of
-- the week's daily reports as they stood when it was sent.
CREATE TABLE weekly_reports (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    week TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    went_well TEXT NOT NULL,
    to_improve TEXT NOT NULL,
    next_week TEXT NOT NULL,
    days_reported INTEGER NOT NULL,
    items_done INTEGER NOT NULL,
    items_blocked INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    submitted_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by INTEGER REFERENCES employees(id),
    comment TEXT,
    commented_at INTEGER,
    UNIQUE (employee_id, week)
);

-- Running output totals per person and day: written with each report and task move and
-- by the end-of-day job (due), never recomputed from history.
CREATE TABLE output_person_days (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    place TEXT NOT NULL CHECK (place IN ('office', 'remote')),
    due INTEGER NOT NULL DEFAULT 0,
    reported INTEGER NOT NULL DEFAULT 0,
    items INTEGER NOT NULL DEFAULT 0,
    items_done INTEGER NOT NULL DEFAULT 0,
    items_blocked INTEGER NOT NULL DEFAULT 0,
    tasks_done INTEGER NOT NULL DEFAULT 0,
    tasks_on_time INTEGER NOT NULL DEFAULT 0,
    tasks_late INTEGER NOT NULL DEFAULT 0,
    responses INTEGER NOT NULL DEFAULT 0,
    response_ms INTEGER NOT NULL DEFAULT 0,
    reminded_at INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (employee_id, date)
);
-- The same per unit (its own people, not the subtree), day and place: a subtree's
-- dashboard for a month reads units × days × 2 rows, whatever the headcount.
CREATE TABLE output_unit_days (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    date TEXT NOT NULL,
    place TEXT NOT NULL CHECK (place IN ('office', 'remote')),
    due INTEGER NOT NULL DEFAULT 0,
    due_reported INTEGER NOT NULL DEFAULT 0,
    reports INTEGER NOT NULL DEFAULT 0,
    items INTEGER NOT NULL DEFAULT 0,
    items_done INTEGER NOT NULL DEFAULT 0,
    items_blocked INTEGER NOT NULL DEFAULT 0,
    tasks_done INTEGER NOT NULL DEFAULT 0,
    tasks_on_time INTEGER NOT NULL DEFAULT 0,
    tasks_late INTEGER NOT NULL DEFAULT 0,
    responses INTEGER NOT NULL DEFAULT 0,
    response_ms INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (unit_id, date, place)
);
-- Units whose working day has been closed by the end-of-day job (due counted, reminders
-- sent), so each unit and date is closed once.
CREATE TABLE unit_day_closes (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    date TEXT NOT NULL,
    due INTEGER NOT NULL,
    reminded INTEGER NOT NULL,
    closed_at INTEGER NOT NULL,
    PRIMARY KEY (unit_id, date)
);

-- Background jobs: one row per schedule. A runner claims a due row by taking a lease
-- (locked_until), runs it and sets the next run; a lease that runs out (a crashed runner)
-- frees the job again.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL UNIQUE,
    run_at INTEGER NOT NULL,
    locked_until INTEGER,
    runs INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_run_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at);
