-- Tasks (issue 5): an instruction from a supervisor or team lead to one or more people,
-- with its clarity score (the five-point checklist of seed 000) and its status machine.
-- Dates are 'YYYY-MM-DD' text in the unit's time zone; instants are UTC milliseconds.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    -- the assigner's unit, whose time zone decides whether the task was on time
    unit_id INTEGER NOT NULL REFERENCES units(id),
    unit_path TEXT NOT NULL,
    assigner_employee_id INTEGER NOT NULL REFERENCES employees(id),
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    expected_output TEXT NOT NULL DEFAULT '',
    responsible_employee_id INTEGER REFERENCES employees(id),
    -- links or references, one per line
    attachments TEXT NOT NULL DEFAULT '',
    clarity INTEGER NOT NULL CHECK (clarity BETWEEN 0 AND 5),
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'blocked', 'done', 'accepted')),
    -- what a blocked task needs to go on
    needs TEXT,
    sent_back_reason TEXT,
    created_at INTEGER NOT NULL,
    first_response_at INTEGER,
    done_at INTEGER,
    accepted_at INTEGER,
    updated_at INTEGER NOT NULL
);
CREATE INDEX tasks_assigner ON tasks (agency_id, assigner_employee_id, id);
CREATE INDEX tasks_unit ON tasks (agency_id, unit_id, created_at);
CREATE TABLE task_assignees (
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    -- copies of the task's status and deadline, so an assignee's list is one index range
    status TEXT NOT NULL,
    deadline TEXT,
    PRIMARY KEY (task_id, employee_id)
);
CREATE INDEX task_assignees_employee ON task_assignees (agency_id, employee_id, status, deadline);
