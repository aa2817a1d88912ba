package auth

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// MinutesAccess is what a user may do with the minutes and action items of
// a network's meetings, the one decision the minutes pages and API share:
//
//   - Manage: write the minutes and the action items (CanManageNetwork:
//     conveners, secretaries, the project's staff, platform admins);
//   - Approve: approve draft minutes, which mails them to every member
//     (the network's conveners, the project's coordinators, platform
//     admins);
//   - Read: read the minutes, the action items and the take-home
//     summaries (Manage, or a current member of the network in any role);
//   - Person: the user's person, who owns action items; the owner of an
//     item may set its status (CanSetItemStatus).
type MinutesAccess struct {
	Manage  bool
	Approve bool
	Read    bool
	Person  int64
	// Archived: the network is archived, so its minutes and action items
	// are only read (Manage and Approve are false, owners set no status).
	Archived bool
}

// CanSetItemStatus reports whether the user may mark an action item owned
// by ownerID done or open again: managers, and the item's owner.
func (a MinutesAccess) CanSetItemStatus(ownerID int64) bool {
	return !a.Archived && (a.Manage || ownerID != 0 && ownerID == a.Person)
}

// MinutesAccess returns u's access to the minutes of the meetings of a
// network in a project; the public (nil u) has none. Only database errors
// are returned.
func (p *Policy) MinutesAccess(ctx context.Context, u *app.User, networkID, projectID int64) (MinutesAccess, error) {
	var a MinutesAccess
	if u == nil {
		return a, nil
	}
	a.Person = u.PersonID
	if err := p.CanManageNetwork(ctx, u, networkID); err == nil {
		a.Manage = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	role, err := p.NetworkRole(ctx, u, networkID)
	if err != nil {
		return a, err
	}
	a.Read = a.Manage || role != ""
	if role == RoleConvener {
		a.Approve = true
	} else if err := p.CanManageProject(ctx, u, projectID); err == nil {
		a.Approve = true
	} else if app.IsCode(err, app.EINTERNAL) {
		return a, err
	}
	archived, err := p.NetworkArchived(ctx, networkID)
	if err != nil {
		return a, err
	}
	if archived {
		a.Archived, a.Manage, a.Approve = true, false, false
	}
	return a, nil
}
