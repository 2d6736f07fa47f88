-- Performance plans (SKP, Permen PANRB 6/2022; issue 5): one plan per employee and year
-- with its planned results (RHK), each supporting a result of the supervisor's plan, their
-- indicators (IKI) with targets, the supervisor's expectations per BerAKHLAK value, the
-- annex, the approved versions kept at each revision, and performance dialogues.
CREATE TABLE performance_plans (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    year INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    unit_path TEXT NOT NULL,
    -- who approves the plan and rates the employee: the direct supervisor
    evaluator_id INTEGER REFERENCES employees(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
    -- 1 until the first revision; each revision of an approved plan adds one
    revision INTEGER NOT NULL DEFAULT 1,
    -- bumped by every write, so a write applies only to the version it read
    version INTEGER NOT NULL DEFAULT 1,
    resources TEXT NOT NULL DEFAULT '',
    accountability TEXT NOT NULL DEFAULT '',
    consequences TEXT NOT NULL DEFAULT '',
    return_comment TEXT,
    submitted_at INTEGER,
    approved_at INTEGER,
    approved_by INTEGER REFERENCES employees(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (employee_id, year)
);
CREATE INDEX performance_plans_unit ON performance_plans (agency_id, year, unit_path);
CREATE INDEX performance_plans_evaluator ON performance_plans (agency_id, evaluator_id, year);
CREATE TABLE planned_results (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    kind TEXT NOT NULL CHECK (kind IN ('utama', 'tambahan')),
    text TEXT NOT NULL,
    -- the supervisor's result this one supports ("RHK atasan yang diintervensi")
    parent_result_id INTEGER REFERENCES planned_results(id),
    position INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX planned_results_plan ON planned_results (agency_id, plan_id, position);
CREATE INDEX planned_results_parent ON planned_results (agency_id, parent_result_id);
CREATE TABLE result_indicators (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    result_id INTEGER NOT NULL REFERENCES planned_results(id),
    aspect TEXT NOT NULL CHECK (aspect IN ('kuantitas', 'kualitas', 'waktu', 'biaya')),
    text TEXT NOT NULL,
    target REAL NOT NULL CHECK (target > 0),
    unit TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX result_indicators_plan ON result_indicators (agency_id, plan_id, result_id, position);
CREATE TABLE behaviour_expectations (
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    core_value TEXT NOT NULL,
    expectation TEXT NOT NULL,
    PRIMARY KEY (plan_id, core_value)
);
-- The content of a plan as it was approved, kept when a revision opens it again.
CREATE TABLE plan_revisions (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    revision INTEGER NOT NULL,
    reason TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (plan_id, revision)
);
CREATE TABLE performance_dialogues (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    date TEXT NOT NULL,
    recorded_by INTEGER NOT NULL REFERENCES employees(id),
    participants TEXT NOT NULL,
    topic TEXT NOT NULL,
    agreed TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX performance_dialogues_plan ON performance_dialogues (agency_id, plan_id, date);
-- A task may serve a planned result.
ALTER TABLE tasks ADD COLUMN result_id INTEGER REFERENCES planned_results(id);
-- Who finished a task and on which local date: a task sent back takes its count off that
-- person's day in the output totals.
ALTER TABLE tasks ADD COLUMN done_by INTEGER REFERENCES employees(id);
ALTER TABLE tasks ADD COLUMN done_date TEXT;
-- An assignee's finished tasks, newest first, one status at a time: a list page reads the
-- end of one range instead of sorting everything the person ever finished.
CREATE INDEX task_assignees_finished ON task_assignees (agency_id, employee_id, status, task_id);
