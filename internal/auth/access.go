package auth

import (
	"context"

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
		a.Manage = true
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

// Deny is the error for an action u may not take: EUNAUTH for the public,
// EFORBIDDEN for anyone signed in.
func Deny(u *app.User) error { return deny(u) }
