package meeting

import "context"

// Agenda returns the meeting's accepted agenda items in their order, each
// with its preparer's name, for the minutes drafted from the agenda
// (internal/minutes). Proposals not accepted are left out.
func (r *Reader) Agenda(ctx context.Context, meetingID int64) ([]Item, error) {
	items, err := r.s.Items(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, it := range items {
		if it.Status == ItemAccepted {
			out = append(out, it)
		}
	}
	return out, nil
}
