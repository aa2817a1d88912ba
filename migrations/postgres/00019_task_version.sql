-- +goose Up
-- task_version counts changes to what "My tasks" shows: open action items,
-- plan actions (and the objectives and plans that place them in a
-- network) and the networks' names. Each instance caches a person's open
-- tasks per day and checks this one row.
CREATE TABLE task_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO task_version (id, v) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION bump_task_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER action_items_task AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON action_items
    FOR EACH STATEMENT EXECUTE FUNCTION bump_task_version();
CREATE TRIGGER plan_actions_task AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_actions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_task_version();
CREATE TRIGGER plan_objectives_task AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_objectives
    FOR EACH STATEMENT EXECUTE FUNCTION bump_task_version();
CREATE TRIGGER action_plans_task AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON action_plans
    FOR EACH STATEMENT EXECUTE FUNCTION bump_task_version();
CREATE TRIGGER networks_task AFTER UPDATE ON networks
    FOR EACH STATEMENT EXECUTE FUNCTION bump_task_version();

-- +goose Down
DROP TRIGGER action_items_task ON action_items;
DROP TRIGGER plan_actions_task ON plan_actions;
DROP TRIGGER plan_objectives_task ON plan_objectives;
DROP TRIGGER action_plans_task ON action_plans;
DROP TRIGGER networks_task ON networks;
DROP FUNCTION bump_task_version();
DROP TABLE task_version;
