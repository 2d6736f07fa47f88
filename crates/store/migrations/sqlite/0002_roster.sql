-- Rosters: skills, the core of location plans (one planned day per person and date),
-- employees' wishes, the rosters themselves, and notifications to employees.
-- Dates are 'YYYY-MM-DD' text, months 'YYYY-MM'; instants UTC milliseconds.

CREATE TABLE employee_skills (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    skill TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    PRIMARY KEY (employee_id, skill)
);
CREATE INDEX employee_skills_agency ON employee_skills (agency_id, skill);

CREATE TABLE rosters (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    month TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('collecting', 'draft', 'published')),
    -- the settings (JSON), the instance as last generated (JSON, for reproducibility),
    -- the current roster (JSON), its score, and the validator's and solver's findings (JSON)
    settings TEXT NOT NULL,
    instance TEXT,
    cells TEXT,
    objective INTEGER,
    feasible INTEGER,
    report TEXT,
    relaxed TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER,
    UNIQUE (agency_id, unit_id, month)
);
CREATE INDEX rosters_month ON rosters (agency_id, month, status);

CREATE TABLE plan_days (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    location TEXT NOT NULL CHECK (location IN ('office', 'other_office', 'home', 'other', 'leave', 'training', 'field_duty')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    source TEXT NOT NULL CHECK (source IN ('roster', 'request', 'leave')),
    roster_id INTEGER REFERENCES rosters(id),
    note TEXT,
    decided_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (employee_id, date)
);
CREATE INDEX plan_days_date ON plan_days (agency_id, date, employee_id);
CREATE INDEX plan_days_roster ON plan_days (agency_id, roster_id);

CREATE TABLE roster_wishes (
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    date TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    weight INTEGER NOT NULL CHECK (weight IN (-1, 1, 3)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (employee_id, date)
);
CREATE INDEX roster_wishes_date ON roster_wishes (agency_id, date);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text_id TEXT NOT NULL,
    text_en TEXT NOT NULL,
    link TEXT,
    read_at INTEGER
);
CREATE INDEX notifications_employee ON notifications (agency_id, employee_id, id);
