-- Flexible work arrangements (Permen PANRB 4/2025): the working calendar, unit policies,
-- eligibility (activity mapping), location-plan requests and their approval, acting
-- officials, presence with its running totals and corrections, and private calendar feeds.
-- Dates are 'YYYY-MM-DD' text in the unit's time zone; instants are UTC milliseconds.

-- National holidays and cuti bersama (the SKB lists). National, so no agency: a system
-- administrator corrects them. Built-in years are loaded once, marked in calendar_years.
CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'joint_leave')),
    -- 1 while the date is an estimate (Islamic dates before the decree appears)
    estimate INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    loaded_at INTEGER NOT NULL
);
CREATE TABLE ramadan_periods (
    year INTEGER PRIMARY KEY,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    estimate INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
-- Busy periods of an agency or one unit subtree (reporting, audits, musrenbang, campaigns).
CREATE TABLE agency_events (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER REFERENCES units(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('reporting', 'audit', 'musrenbang', 'field_campaign', 'other')),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX agency_events_day ON agency_events (agency_id, first_day);

-- Policy values a unit overrides (JSON object, only the overridden keys). unit_id NULL is
-- the agency-wide level; everything not set anywhere is the national default.
CREATE TABLE unit_policies (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER REFERENCES units(id),
    settings TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX unit_policies_unit ON unit_policies (agency_id, unit_id);
CREATE UNIQUE INDEX unit_policies_agency ON unit_policies (agency_id) WHERE unit_id IS NULL;

-- Activity mapping: each activity of a position in a unit against the six task criteria.
CREATE TABLE position_activities (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    position_id INTEGER NOT NULL REFERENCES positions(id),
    activity TEXT NOT NULL,
    outside_office INTEGER NOT NULL,
    no_special_workspace INTEGER NOT NULL,
    ict_possible INTEGER NOT NULL,
    minimal_face_to_face INTEGER NOT NULL,
    no_continuous_supervision INTEGER NOT NULL,
    agency_criteria INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX position_activities_unit ON position_activities (agency_id, unit_id, position_id);

-- Files attached as evidence (requests now, performance later). Size-limited by the service.
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);

-- A request for flexible work over a span of dates: a weekly pattern and/or single dates,
-- with the reason, evidence and a work plan with measurable targets.
CREATE TABLE flex_requests (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    -- the weekly pattern as JSON, when the request sets one
    pattern TEXT,
    time_mode TEXT NOT NULL DEFAULT 'regular' CHECK (time_mode IN ('regular', 'dynamic', 'shift')),
    shift_start TEXT,
    reason TEXT NOT NULL,
    evidence_link TEXT,
    evidence_file_id INTEGER REFERENCES evidence_files(id),
    work_plan TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'changes_requested', 'withdrawn')),
    -- borderline findings for the approver (JSON list of messages)
    flags TEXT,
    decided_by INTEGER REFERENCES users(id),
    decided_as_acting INTEGER NOT NULL DEFAULT 0,
    decision_comment TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);
CREATE INDEX flex_requests_status ON flex_requests (agency_id, status, unit_id, id);
CREATE INDEX flex_requests_employee ON flex_requests (agency_id, employee_id, id);
CREATE TABLE flex_request_days (
    request_id INTEGER NOT NULL REFERENCES flex_requests(id),
    date TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    location TEXT NOT NULL CHECK (location IN ('office', 'other_office', 'home', 'other')),
    description TEXT,
    PRIMARY KEY (request_id, date)
);
CREATE INDEX flex_request_days_date ON flex_request_days (agency_id, date, employee_id);
CREATE INDEX flex_request_days_employee ON flex_request_days (agency_id, employee_id, date);

-- Approved plan days remember the request they came from and how the day's time is set.
ALTER TABLE plan_days ADD COLUMN request_id INTEGER REFERENCES flex_requests(id);
ALTER TABLE plan_days ADD COLUMN time_mode TEXT;
ALTER TABLE plan_days ADD COLUMN start_time TEXT;

-- Plt / Plh: who decides for an official who is away.
CREATE TABLE acting_officials (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    holder_id INTEGER NOT NULL REFERENCES employees(id),
    acting_id INTEGER NOT NULL REFERENCES employees(id),
    kind TEXT NOT NULL CHECK (kind IN ('plt', 'plh')),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX acting_officials_holder ON acting_officials (agency_id, holder_id, first_day);
CREATE INDEX acting_officials_acting ON acting_officials (agency_id, acting_id, first_day);

-- Every punch as it arrived (append-only). client_key makes a retried request count once.
CREATE TABLE presence_events (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('check_in', 'check_out')),
    at INTEGER NOT NULL,
    location TEXT NOT NULL,
    note TEXT,
    client_key TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('web', 'api', 'correction')),
    UNIQUE (employee_id, client_key)
);
-- One row per person and working date: the running totals of the day.
CREATE TABLE presence_days (
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
    PRIMARY KEY (employee_id, date)
);
CREATE INDEX presence_days_unit ON presence_days (agency_id, unit_id, date);
-- One row per person and week (its Monday): hours against the required weekly hours.
CREATE TABLE presence_weeks (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    week TEXT NOT NULL,
    required_minutes INTEGER NOT NULL,
    effective_minutes INTEGER NOT NULL DEFAULT 0,
    days_present INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (employee_id, week)
);
-- A request to correct a missed or wrong punch; the supervisor decides.
CREATE TABLE presence_corrections (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    check_in TEXT,
    check_out TEXT,
    location TEXT,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by INTEGER REFERENCES users(id),
    decision_comment TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);
CREATE INDEX presence_corrections_status ON presence_corrections (agency_id, status, employee_id);
CREATE INDEX presence_corrections_employee ON presence_corrections (agency_id, employee_id, date);

-- Private calendar feeds: the token is shown once and stored hashed; revoking ends it.
CREATE TABLE calendar_feeds (
    token_hash TEXT PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX calendar_feeds_employee ON calendar_feeds (agency_id, employee_id);
