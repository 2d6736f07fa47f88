-- Evaluation of performance (Permen PANRB 6/2022, SE MenPANRB 3/2023; issue 5): periods
-- (quarterly by default, per agency), one evaluation per plan and period with the actual
-- values and their evidence, the supervisor's ratings of results and behaviour and the
-- predikat they make, 360 feedback kept anonymous, and the unit's own result that decides
-- the allowed spread of predikat.
CREATE TABLE performance_settings (
    agency_id INTEGER PRIMARY KEY REFERENCES agencies(id),
    period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'semester')),
    updated_at INTEGER NOT NULL
);
CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    plan_id INTEGER NOT NULL REFERENCES performance_plans(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    unit_path TEXT NOT NULL,
    -- '2026-Q4', '2026-M11', '2026-S2', or '2026' for the annual evaluation
    period TEXT NOT NULL,
    evaluator_id INTEGER REFERENCES employees(id),
    results_rating TEXT CHECK (results_rating IN ('above', 'as_expected', 'below')),
    behaviour_rating TEXT CHECK (behaviour_rating IN ('above', 'as_expected', 'below')),
    predikat TEXT CHECK (predikat IN ('sangat_baik', 'baik', 'butuh_perbaikan', 'kurang_misconduct', 'sangat_kurang')),
    feedback TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'rated', 'final')),
    version INTEGER NOT NULL DEFAULT 1,
    rated_at INTEGER,
    rated_by INTEGER REFERENCES employees(id),
    finalized_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (plan_id, period)
);
CREATE INDEX evaluations_unit ON evaluations (agency_id, period, unit_path);
CREATE INDEX evaluations_employee ON evaluations (agency_id, employee_id, period);
CREATE INDEX evaluations_evaluator ON evaluations (agency_id, evaluator_id, period);
-- The actual value of an indicator in a period (realisasi) with its evidence (bukti dukung).
CREATE TABLE indicator_actuals (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    indicator_id INTEGER NOT NULL REFERENCES result_indicators(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    actual REAL NOT NULL CHECK (actual >= 0),
    note TEXT NOT NULL DEFAULT '',
    evidence_link TEXT,
    evidence_file_id INTEGER REFERENCES evidence_files(id),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (evaluation_id, indicator_id)
);
-- The supervisor's rating of each BerAKHLAK value (optional; the overall rating of
-- behaviour is on the evaluation).
CREATE TABLE behaviour_ratings (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    core_value TEXT NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    rating TEXT NOT NULL CHECK (rating IN ('above', 'as_expected', 'below')),
    PRIMARY KEY (evaluation_id, core_value)
);
-- 360 feedback: who was asked and whether they answered; the answers themselves are
-- stored apart from who gave them, so no single answer can be traced to a person.
CREATE TABLE feedback_requests (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    evaluation_id INTEGER NOT NULL UNIQUE REFERENCES evaluations(id),
    requested_by INTEGER NOT NULL REFERENCES employees(id),
    created_at INTEGER NOT NULL
);
CREATE TABLE feedback_respondents (
    request_id INTEGER NOT NULL REFERENCES feedback_requests(id),
    respondent_id INTEGER NOT NULL REFERENCES employees(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    answered_at INTEGER,
    PRIMARY KEY (request_id, respondent_id)
);
CREATE INDEX feedback_respondents_employee ON feedback_respondents (agency_id, respondent_id, answered_at);
CREATE TABLE feedback_answers (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES feedback_requests(id),
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    -- one answer's ratings, as JSON {"akuntabel": "above", …}, and its comment
    ratings TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_answers_request ON feedback_answers (agency_id, request_id);
-- The unit's own result for a period (capaian kinerja organisasi), set by an admin.
CREATE TABLE unit_results (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang')),
    set_by INTEGER REFERENCES users(id),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (unit_id, period)
);
