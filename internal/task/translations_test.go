package task_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestReminderNamesNetworkInOwnersLanguage: a reminder names the network
// in its owner's language when the network has a name in it, in Finnish
// otherwise.
func TestReminderNamesNetworkInOwnersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := setup(t, d)
		ctx := context.Background()
		if _, err := d.ExecContext(ctx, `UPDATE networks SET name_sv = 'Verkstadsnätverket', name_en = 'Workshop network'`); err != nil {
			t.Fatal(err)
		}
		if _, err := newWorker(t, d, app.NewFixedClock(f.now)).Send(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := d.QueryContext(ctx, `SELECT m.lang, m.text_body FROM mail_deliveries x JOIN mail_messages m ON m.id = x.message_id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var lang, text string
			if err := rows.Scan(&lang, &text); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"sv": "Verkstadsnätverket", "fi": "Työpajaverkosto"}[lang]
			if want == "" || !strings.Contains(text, want) {
				t.Errorf("%s mail does not name the network %q:\n%s", lang, want, text)
			}
			n++
		}
		if err := rows.Err(); err != nil || n != 3 {
			t.Fatalf("%d mails, %v", n, err)
		}
	})
}
