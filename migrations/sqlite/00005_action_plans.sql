-- +goose Up
-- Action plans of networks (issue 3, points 7 and 8): plans for a period,
-- objectives linked to the project's plan goals, actions with an owner,
-- dates, status, progress and weight, and indicators with measured values.
-- Numbers that may have decimals (weights, baselines, targets, values) are
-- REAL here and DOUBLE PRECISION on PostgreSQL: both scan into float64.

-- goals_published: the coordinator has published the project's goal
-- progress page to the public.
ALTER TABLE projects ADD COLUMN goals_published BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE action_plans (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_on   DATE NOT NULL,
    ends_on     DATE NOT NULL,
    status      TEXT NOT NULL DEFAULT 'draft', -- draft, active, closed
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX action_plans_network ON action_plans (network_id, starts_on);

CREATE TABLE plan_objectives (
    id              INTEGER PRIMARY KEY,
    plan_id         BIGINT NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    -- A goal of the plan network's project; a removed goal unlinks it.
    project_goal_id BIGINT REFERENCES project_goals(id) ON DELETE SET NULL,
    weight          REAL NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX plan_objectives_plan ON plan_objectives (plan_id);
CREATE INDEX plan_objectives_goal ON plan_objectives (project_goal_id);

CREATE TABLE plan_actions (
    id           INTEGER PRIMARY KEY,
    objective_id BIGINT NOT NULL REFERENCES plan_objectives(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    owner_id     BIGINT REFERENCES people(id) ON DELETE SET NULL,
    starts_on    DATE,
    due_on       DATE,
    status       TEXT NOT NULL DEFAULT 'planned', -- planned, in_progress, done, cancelled
    progress     INTEGER NOT NULL DEFAULT 0,      -- 0..100 %
    weight       REAL NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX plan_actions_objective ON plan_actions (objective_id);
CREATE INDEX plan_actions_owner ON plan_actions (owner_id, due_on);

CREATE TABLE plan_indicators (
    id         INTEGER PRIMARY KEY,
    action_id  BIGINT NOT NULL REFERENCES plan_actions(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    baseline   REAL,
    target     REAL NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX plan_indicators_action ON plan_indicators (action_id);

CREATE TABLE indicator_values (
    id           INTEGER PRIMARY KEY,
    indicator_id BIGINT NOT NULL REFERENCES plan_indicators(id) ON DELETE CASCADE,
    measured_on  DATE NOT NULL,
    value        REAL NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (indicator_id, measured_on)
);

-- +goose Down
DROP TABLE indicator_values;
DROP TABLE plan_indicators;
DROP TABLE plan_actions;
DROP TABLE plan_objectives;
DROP TABLE action_plans;
ALTER TABLE projects DROP COLUMN goals_published;
