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
CREATE TRIGGER action_items_insert_task AFTER INSERT ON action_items
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER action_items_update_task AFTER UPDATE ON action_items
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER action_items_delete_task AFTER DELETE ON action_items
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_actions_insert_task AFTER INSERT ON plan_actions
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_actions_update_task AFTER UPDATE ON plan_actions
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_actions_delete_task AFTER DELETE ON plan_actions
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_objectives_insert_task AFTER INSERT ON plan_objectives
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_objectives_update_task AFTER UPDATE ON plan_objectives
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER plan_objectives_delete_task AFTER DELETE ON plan_objectives
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER action_plans_insert_task AFTER INSERT ON action_plans
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER action_plans_update_task AFTER UPDATE ON action_plans
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER action_plans_delete_task AFTER DELETE ON action_plans
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER networks_update_task AFTER UPDATE ON networks
BEGIN
    UPDATE task_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER action_items_insert_task;
DROP TRIGGER action_items_update_task;
DROP TRIGGER action_items_delete_task;
DROP TRIGGER plan_actions_insert_task;
DROP TRIGGER plan_actions_update_task;
DROP TRIGGER plan_actions_delete_task;
DROP TRIGGER plan_objectives_insert_task;
DROP TRIGGER plan_objectives_update_task;
DROP TRIGGER plan_objectives_delete_task;
DROP TRIGGER action_plans_insert_task;
DROP TRIGGER action_plans_update_task;
DROP TRIGGER action_plans_delete_task;
DROP TRIGGER networks_update_task;
DROP TABLE task_version;
