// Package rights is the vocabulary of the route × role matrix: the kinds
// of caller, who among them may reach a route, and the requests that
// prove it. Every domain lists the rows of its own routes (its
// Permissions function, next to its handlers); the server collects them
// and a test in internal/server makes every request as every role against
// the real router, and fails for a registered route without rows. The
// rules themselves live in auth.Policy; these rows spell them out per
// role so a change in who may do what is a visible change in a diff.
package rights

// Role is one kind of caller in the matrix, set up by the matrix test's
// fixture: two projects (P1 "own", P2 "other"), each with a network (N1,
// N2), and an account for every role.
type Role string

// The roles.
const (
	Admin     Role = "admin"     // platform admin
	Coord     Role = "coord"     // coordinator of P1
	Worker    Role = "worker"    // worker of P1
	Convener  Role = "convener"  // convener of N1
	Secretary Role = "secretary" // secretary of N1
	Member    Role = "member"    // member of N1
	Guest     Role = "guest"     // guest (expert) of N1
	Outsider  Role = "outsider"  // signed in, no roles
	// Former members: their term in N1 has ended, so they have no rights
	// from it (the convener's ended yesterday, the member's in 2010).
	FormerConv   Role = "former-convener"
	FormerMember Role = "former-member"
	Public       Role = "public" // not signed in
)

// Roles lists every role; Public is last.
func Roles() []Role {
	return []Role{Admin, Coord, Worker, Convener, Secretary, Member, Guest, Outsider, FormerConv, FormerMember, Public}
}

// Who may do what: the rules of auth.Policy, spelled out per role.
var (
	Everyone   = Roles()
	SignedIn   = Roles()[:len(Roles())-1]
	AdminsOnly = []Role{Admin}
	// DirEditors edit the shared directory: admins, any project staff, any
	// convener.
	DirEditors = []Role{Admin, Coord, Worker, Convener}
	// ManageP1 manage P1: admins and P1's coordinators.
	ManageP1 = []Role{Admin, Coord}
	// CreateInP1 create networks in P1: admins and P1's staff.
	CreateInP1 = []Role{Admin, Coord, Worker}
	// ManageN1 manage N1 and its memberships: admins, P1's staff, N1's
	// conveners and secretaries.
	ManageN1 = []Role{Admin, Coord, Worker, Convener, Secretary}
	// ContactsN1 see the contact details of someone in N1: admins and
	// whoever shares P1 with them (staff of P1, members of any of P1's
	// networks).
	ContactsN1 = []Role{Admin, Coord, Worker, Convener, Secretary, Member, Guest}
	// ApproveN1 approve N1's minutes: admins, P1's coordinators, N1's
	// conveners.
	ApproveN1 = []Role{Admin, Coord, Convener}
	// OwnerN1 set the status of N1's action item AX1: its managers and its
	// owner (the member).
	OwnerN1 = []Role{Admin, Coord, Worker, Convener, Secretary, Member}
)

// Check is one request of the matrix, made by every role.
type Check struct {
	// Label tells which resource is used: "own" (P1, N1), "other" (P2,
	// N2), "self" (the caller's own person), "rank" (someone with more
	// rights) or "" (no owner).
	Label string
	// Path may hold placeholders the test's fixture expands: {P1} {P2}
	// {N1} {N2} {O1} {O2} {T1} {T2} {M1} {M2} {D1} {D2} {S} {SELF}
	// {MAIL} {STATIC} {MT1} {AI1} {AX1} {PL1} {OB1} {AC1} {IN1} ….
	Path    string
	Allowed []Role
	// Body is the JSON body of an API write; HTML forms are posted empty
	// (the permission check comes before validation, so an allowed caller
	// gets 422).
	Body string
	// NotFoundOK: the path names nothing (a bogus token or id), so an
	// allowed caller may get 404.
	NotFoundOK bool
	// Restore: the request may change the fixture; put it back afterwards.
	Restore bool
}

// At is a request to path that the allowed roles may make.
func At(label, path string, allowed []Role) Check {
	return Check{Label: label, Path: path, Allowed: allowed}
}

// NF marks a path that names nothing: an allowed caller may get 404.
func (k Check) NF() Check { k.NotFoundOK = true; return k }

// RS marks a request that changes the fixture, which is put back after it.
func (k Check) RS() Check { k.Restore = true; return k }

// JSON sets the body of an API write.
func (k Check) JSON(body string) Check { k.Body = body; return k }

// Matrix maps a registered route pattern to the requests that test it.
type Matrix map[string][]Check
