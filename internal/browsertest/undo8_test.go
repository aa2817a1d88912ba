package browsertest_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
)

// TestUndoTaskDone: the demo member marks a task done from My tasks; the
// flash says so and offers Undo, which puts the task back in the list.
// No JavaScript needed: the Undo button is a plain form.
func TestUndoTaskDone(t *testing.T) {
	b := browsertest.Start(t)
	ids := loadDemo(t, b.Env)
	item := queryID(t, b.Env.DB, `SELECT MIN(id) FROM action_items WHERE owner_person_id = $1 AND status = 'open'`, ids.member)
	row := "#task-item-" + strconv.FormatInt(item, 10)

	b.Login(demo.MemberEmail, demo.Password)
	b.Viewport(360, 800)
	b.Navigate("/")
	if !b.Has(row) {
		t.Fatalf("My tasks lacks the item %d: %s", item, b.Text("#my-tasks"))
	}
	if got := b.Click(row + " .task-actions form button[type=submit]"); got != http.StatusOK || b.Path() != "/" || b.Has(row) {
		t.Fatalf("mark done: status %d on %s, still listed %v", got, b.Path(), b.Has(row))
	}
	flash := b.Text("main .flash")
	if !strings.Contains(flash, "Merkitty tehdyksi") || !b.Has(`main .flash[role=status] form button[aria-label^="Kumoa: "]`) {
		t.Fatalf("flash without undo: %q", flash)
	}
	// On a phone the page opens at the flash, its Undo button in view.
	inView, err := chromedp.Run(b.Context(), chromedp.Evaluate[bool](`(function () {
		var r = document.querySelector("main .flash button").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight;
	})()`))
	if err != nil || !inView {
		t.Errorf("the Undo button is out of view on a phone (%v)", err)
	}
	b.NoHorizontalScroll(t)
	b.Screenshot("undo8-flash-360")
	b.Desktop()
	b.Axe(t)
	b.Screenshot("undo8-flash-1280")

	if got := b.Click("main .flash form button[type=submit]"); got != http.StatusOK || b.Path() != "/" {
		t.Fatalf("undo: status %d on %s", got, b.Path())
	}
	if !b.Has(row) || !strings.Contains(b.Text("main .flash"), "Merkintä kumottu") {
		t.Errorf("after undo: listed %v, flash %q", b.Has(row), b.Text("main .flash"))
	}
}
