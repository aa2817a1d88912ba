// Package task gathers a person's open tasks across networks (action items
// from minutes and actions of action plans) for "My tasks", and sends their
// reminders: one e-mail shortly before the due date and one when overdue,
// once each, however often the periodic job runs and on however many
// instances.
package task

import "time"

// Task kinds.
const (
	KindItem   = "item"   // an action item from a meeting's minutes
	KindAction = "action" // an action of an action plan
)

// Reminder types.
const (
	ReminderDueSoon = "due_soon"
	ReminderOverdue = "overdue"
)

// DueSoonDays is how many days before the due date the first reminder goes.
const DueSoonDays = 2

// Task is an open task of one person.
type Task struct {
	Kind        string
	ID          int64
	Title       string
	DueOn       *time.Time
	NetworkID   int64
	NetworkName string // Finnish
	// The network's Swedish and English names, "" when not given (Open
	// only).
	NetworkNameSv, NetworkNameEn string
	// Link is the page where the task is handled.
	Link string
	// Overdue is set when the due date is before today.
	Overdue bool
	// Progress is an action's progress in per cent (0 for an action item).
	Progress int
}

// Due is a task that needs a reminder, with its owner.
type Due struct {
	Task
	Reminder   string
	OwnerID    int64
	OwnerName  string
	OwnerEmail string
	OwnerLang  string
}

// ReminderFor returns the reminder a task due on dueOn needs today, or "".
func ReminderFor(dueOn, today time.Time) string {
	switch {
	case dueOn.Before(today):
		return ReminderOverdue
	case !dueOn.After(today.AddDate(0, 0, DueSoonDays)):
		return ReminderDueSoon
	}
	return ""
}
