-- +goose Up
-- One row per reminder sent: a task (an action item or a plan action) gets
-- at most one "due soon" and one "overdue" reminder per due date, however
-- often the periodic job runs and on however many instances.
CREATE TABLE task_reminders (
    kind     TEXT NOT NULL,   -- 'item' (action item) or 'action' (plan action)
    task_id  BIGINT NOT NULL,
    reminder TEXT NOT NULL,   -- 'due_soon' or 'overdue'
    due_on   DATE NOT NULL,
    sent_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, task_id, reminder, due_on)
);

-- +goose Down
DROP TABLE task_reminders;
