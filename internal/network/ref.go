package network

import (
	"context"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Ref is a network as other domains' pages name it: the read model the
// network domain exports on purpose, so meetings, minutes and plans never
// read the networks table themselves.
//
// Name and ProjectName are Finnish; NameSv, NameEn, ProjectNameSv and
// ProjectNameEn are the Swedish and English names, empty when not given:
// pages show NameIn(v.Lang), mails NameIn(the recipient's language).
type Ref struct {
	ID            int64
	Name          string
	NameSv        string
	NameEn        string
	Status        string
	ProjectID     int64
	ProjectName   string
	ProjectNameSv string
	ProjectNameEn string
}

// NameIn returns the network's name in lang, in Finnish when not given
// in lang.
func (n *Ref) NameIn(lang string) string { return i18n.Pick(lang, n.Name, n.NameSv, n.NameEn) }

// ProjectNameIn returns the project's name in lang, in Finnish when not
// given in lang.
func (n *Ref) ProjectNameIn(lang string) string {
	return i18n.Pick(lang, n.ProjectName, n.ProjectNameSv, n.ProjectNameEn)
}

// Refs reads networks for other domains and decides, through the one
// policy, who manages them.
type Refs struct {
	q      db.Querier
	policy *auth.Policy
}

// NewRefs returns the reader on q with policy p.
func NewRefs(q db.Querier, p *auth.Policy) *Refs { return &Refs{q: q, policy: p} }

// Get returns a network's reference; ENOTFOUND when missing.
func (r *Refs) Get(ctx context.Context, id int64) (*Ref, error) {
	var n Ref
	err := r.q.QueryRowContext(ctx, `SELECT n.id, n.name, n.name_sv, n.name_en, n.status, p.id, p.name, p.name_sv, p.name_en
		FROM networks n JOIN projects p ON p.id = n.project_id
		WHERE n.id = $1`, id).Scan(&n.ID, &n.Name, &n.NameSv, &n.NameEn, &n.Status, &n.ProjectID, &n.ProjectName, &n.ProjectNameSv, &n.ProjectNameEn)
	if err != nil {
		return nil, db.NotFound(err, "network", "get network")
	}
	return &n, nil
}

// ProjectText is the project's name in the three languages.
func (n *Ref) ProjectText() i18n.Text {
	return i18n.Text{Fi: n.ProjectName, Sv: n.ProjectNameSv, En: n.ProjectNameEn}
}

// Managed returns the network u manages: ENOTFOUND when it does not
// exist, EUNAUTH or EFORBIDDEN when u may not manage it (convener,
// secretary, the project's staff and admins may).
func (r *Refs) Managed(ctx context.Context, u *app.User, id int64) (*Ref, error) {
	n, err := r.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := r.policy.CanManageNetwork(ctx, u, id); err != nil {
		return nil, err
	}
	return n, nil
}
