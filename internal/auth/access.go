package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// NetworkAccess is what a user may do with a network's meetings, the one
// decision the meeting pages and API share:
//
//   - Manage: schedule, edit and cancel meetings, run the agenda and
//     record attendance (CanManageNetwork: conveners, secretaries, the
//     project's staff, platform admins);
//   - Member: answer invitations and propose agenda items (a current
//     membership, any role);
//   - Invitee: Manage or Member; sees the remote link, the answers and
//     the attendance;
//   - SignIn: signed in; reads the accepted agenda.
type NetworkAccess struct {
	Manage  bool
	Member  bool
	Invitee bool
	SignIn  bool
}

// NetworkAccess returns u's access to a network's meetings; the public
// (nil u) has none. Only database errors are returned.
func (p *Policy) NetworkAccess(ctx context.Context, u *app.User, networkID int64) (NetworkAccess, error) {
	var a NetworkAccess
	if u == nil {
		return a, nil
	}
	a.SignIn = true
	if err := p.CanManageNetwork(ctx, u, networkID); err == nil {
		// An archived network's meetings are history: nobody manages
		// them any more.
		archived, err := p.NetworkArchived(ctx, networkID)
		if err != nil {
			return a, err
		}
		a.Manage = !archived
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	role, err := p.NetworkRole(ctx, u, networkID)
	if err != nil {
		return a, err
	}
	a.Member = role != ""
	a.Invitee = a.Manage || a.Member
	return a, nil
}

// NetworkArchived reports whether a network is archived (false for a
// network that does not exist: its callers have found it already). An
// archived network is history: its meetings, minutes and action items
// are kept for reading and no longer changed.
func (p *Policy) NetworkArchived(ctx context.Context, networkID int64) (bool, error) {
	var status string
	err := p.q.QueryRowContext(ctx, `SELECT status FROM networks WHERE id = $1`, networkID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("network status: %w", err)
	}
	return status == "archived", nil
}

// Deny is the error for an action u may not take: EUNAUTH for the public,
// EFORBIDDEN for anyone signed in.
func Deny(u *app.User) error { return deny(u) }
