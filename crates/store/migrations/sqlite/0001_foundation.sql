-- Foundation: agencies, org tree, people, sign-in, audit. Instants are UTC milliseconds;
-- local dates are 'YYYY-MM-DD' text. Flags are integers 0/1 so both engines read alike.

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    require_totp_for_admins INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES units(id),
    path TEXT NOT NULL COLLATE NOCASE,
    kind TEXT,
    region_code TEXT,
    region_name TEXT,
    time_zone TEXT NOT NULL DEFAULT 'WIB',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (agency_id, code)
);
CREATE INDEX units_path ON units (agency_id, path);
CREATE INDEX units_parent ON units (agency_id, parent_id);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    grade INTEGER,
    UNIQUE (agency_id, name)
);

CREATE TABLE employees (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    nip TEXT NOT NULL,
    name TEXT NOT NULL,
    -- the name folded to lower case by Unicode rules (in Rust), for search on both engines
    name_key TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    position_id INTEGER NOT NULL REFERENCES positions(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    supervisor_id INTEGER REFERENCES employees(id),
    domicile TEXT,
    position_since TEXT,
    discipline TEXT NOT NULL DEFAULT 'none',
    email TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (agency_id, nip)
);
CREATE INDEX employees_unit_name ON employees (agency_id, unit_id, name, id);
CREATE INDEX employees_name ON employees (agency_id, name, id);
CREATE INDEX employees_supervisor ON employees (agency_id, supervisor_id);
CREATE INDEX employees_nip ON employees (nip);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    name TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    lead_id INTEGER NOT NULL REFERENCES employees(id),
    created_at INTEGER NOT NULL,
    UNIQUE (agency_id, name)
);
CREATE INDEX teams_lead ON teams (agency_id, lead_id);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    assignment_letter TEXT,
    PRIMARY KEY (team_id, employee_id)
);
CREATE INDEX team_members_employee ON team_members (agency_id, employee_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER REFERENCES agencies(id),
    employee_id INTEGER UNIQUE REFERENCES employees(id),
    username TEXT NOT NULL UNIQUE,
    email TEXT UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'id',
    totp_secret TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

CREATE TABLE grants (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    agency_id INTEGER REFERENCES agencies(id),
    role TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX grants_user ON grants (user_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    mfa_pending INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    address TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER,
    actor_user_id INTEGER,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    unit_path TEXT,
    before_json TEXT,
    after_json TEXT,
    at INTEGER NOT NULL,
    address TEXT,
    request_id TEXT
);
CREATE INDEX audit_agency ON audit_log (agency_id, id);
CREATE INDEX audit_record ON audit_log (agency_id, record_type, record_id, id);

-- The audit log is append-only, whatever code runs against the database.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
