package auth

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// CanUpdateActionProgress allows whoever manages the network
// (CanManageNetwork) and the owner of a plan action, while the owner is a
// current member of the network, to update the action's status, progress
// and indicator values. The owner gets that right and nothing more: the
// action's other fields, its indicators' definitions and the rest of the
// plan stay with the managers. ownerID is the action's owner (0: none).
func (p *Policy) CanUpdateActionProgress(ctx context.Context, u *app.User, networkID, ownerID int64) error {
	err := p.CanManageNetwork(ctx, u, networkID)
	if err == nil || u == nil || app.IsCode(err, app.EINTERNAL) {
		return err
	}
	if ownerID == 0 || ownerID != u.PersonID {
		return err
	}
	role, rerr := p.NetworkRole(ctx, u, networkID)
	if rerr != nil {
		return rerr
	}
	if role == "" {
		return err
	}
	return nil
}
