package browsertest_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestScreenshots saves full-page screenshots of the main pages with the
// demo data, at 1280 px and at 360 px, into $KOHTAAMO_SCREENSHOTS (CI
// sets it to artefacts/screenshots and keeps the folder), so anyone can
// look at the pages without running the app. Without the variable the
// test is skipped: the other browser tests check the pages themselves.
// One browser visits every page once and takes both sizes from it.
func TestScreenshots(t *testing.T) {
	if os.Getenv(browsertest.EnvScreenshots) == "" {
		t.Skip("set " + browsertest.EnvScreenshots + " to a folder to save the screenshots of the main pages")
	}
	browsertest.Require(t)
	env := servertest.New(t, dbtest.SQLite(t))
	ids := loadDemo(t, env)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	b := browsertest.New(t, env)

	shoot := func(name, path string) {
		t.Helper()
		if status := b.Navigate(path); status != 200 {
			t.Errorf("GET %s: status %d", path, status)
		}
		b.Desktop()
		b.Screenshot(name + "-1280")
		b.Viewport(360, 800)
		b.Screenshot(name + "-360")
		b.Desktop()
	}
	shoot("login", "/login")

	b.Login(demo.CoordinatorEmail, demo.Password)
	shoot("home-coordinator", "/")
	shoot("project", "/projects/"+id(ids.project))
	shoot("network", "/networks/"+id(ids.network))
	shoot("meetings", "/networks/"+id(ids.network)+"/meetings")
	shoot("meeting", "/meetings/"+id(ids.nextMeeting))
	shoot("minutes", "/meetings/"+id(ids.pastMeeting)+"/minutes")
	shoot("minutes-draft", "/meetings/"+id(ids.draftMeeting)+"/minutes")
	shoot("plan", "/plans/"+id(ids.plan))
	shoot("attendance", "/networks/"+id(ids.network)+"/attendance")
	shoot("organisations", "/organisations")
	shoot("calendar", "/calendar")
	b.Logout()

	b.Login(demo.MemberEmail, demo.Password)
	shoot("home-member", "/")
	b.Logout()

	b.Login(demo.AdminEmail, demo.Password)
	shoot("admin", "/admin")
}
