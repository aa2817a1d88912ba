package minutes_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/markdown"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
)

// TestMinutesLimitsOnSave: 100,000 ">" (and text nesting or tabling too
// much) is refused on the page and in the API with the translated message
// next to the body field, and nothing is stored.
func TestMinutesLimitsOnSave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		page := w.base + "/minutes"
		api := "/api/v1" + w.base + "/minutes"
		tok := apiToken(t, w, "sami@example.fi")
		table := "| a | b |\n|---|---|\n" + strings.Repeat("|1|2|\n", markdown.MaxTableCells/2)
		cases := []struct{ body, fi, en string }{
			{strings.Repeat(">", 100000), "Pöytäkirjan teksti saa olla enintään 50000 merkkiä pitkä, nyt siinä on 100000 merkkiä.",
				"The text of the minutes may be at most 50000 characters long; it now has 100000."},
			{strings.Repeat("> ", 11) + "syvä", "Lainauksia ja luetteloita saa olla sisäkkäin enintään 10 tasoa.",
				"Quotes and lists may be nested at most 10 levels deep."},
			{strings.Repeat("1. ", 30) + "syvä", "Lainauksia ja luetteloita saa olla sisäkkäin enintään 10 tasoa.",
				"Quotes and lists may be nested at most 10 levels deep."},
			{table, "Taulukoissa saa olla yhteensä enintään 10000 solua.", "Tables may have at most 10000 cells in all."},
		}
		for _, tc := range cases {
			r := w.secretary.PostForm(page, minutesForm(tc.body, ""))
			if r.Status != http.StatusUnprocessableEntity || !fieldError(t, r.Body, "body", tc.fi) {
				t.Errorf("page %.20q: %d, want 422 with %q by the field", tc.body, r.Status, tc.fi)
			}
		}
		// The API answers in the user's language: English here.
		if _, err := d.ExecContext(context.Background(), `UPDATE people SET lang = 'en' WHERE email = 'sami@example.fi'`); err != nil {
			t.Fatal(err)
		}
		for _, tc := range cases {
			b, _ := json.Marshal(map[string]any{"body": tc.body})
			req, _ := http.NewRequest(http.MethodPut, w.env.HTTP.URL+api, strings.NewReader(string(b)))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/json")
			res := w.env.Client(t).Do(req)
			var e struct {
				Error struct {
					Code   string            `json:"code"`
					Fields map[string]string `json:"fields"`
				} `json:"error"`
			}
			if err := json.Unmarshal([]byte(res.Body), &e); err != nil || res.Status != http.StatusBadRequest || !strings.HasPrefix(e.Error.Fields["body"], tc.en) {
				t.Errorf("API %.20q: %d %.300s, want 400 with %q", tc.body, res.Status, res.Body, tc.en)
			}
		}
		if n := count(t, d, "minutes"); n != 0 {
			t.Errorf("%d minutes stored", n)
		}
		// Within the limits it saves.
		ok := strings.Repeat("> ", 10) + "syvä\n\n" + strings.Repeat("x", minutes.MaxBody-100)
		if r := w.secretary.PostForm(page, minutesForm(ok, "")); r.Status != http.StatusSeeOther {
			t.Errorf("text within the limits: %d %s", r.Status, r.Text())
		}
	})
}

// fieldError reports whether the page shows msg as the error of field.
func fieldError(t *testing.T, page, field, msg string) bool {
	t.Helper()
	i := strings.Index(page, `id="`+field+`-error"`)
	if i < 0 {
		return false
	}
	end := strings.Index(page[i:], "</")
	return end > 0 && strings.Contains(html.UnescapeString(page[i:i+end]), msg)
}

// TestStoredPathologicalMinutesRender: text that is already stored (saved
// through the store, past the checks) renders on the page and in the API
// to bounded HTML with quotes and lists at most MaxNesting deep.
func TestStoredPathologicalMinutesRender(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		tok := apiToken(t, w, "sami@example.fi")
		for name, body := range map[string]string{
			"quotes":    strings.Repeat(">", 100000),
			"lists":     strings.Repeat("> - 1. ", 15000),
			"table":     "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("|\n", 20000),
			"reference": "[a]: https://example.fi/" + strings.Repeat("x", 40000) + "\n\n" + strings.Repeat("[a]", 3000),
		} {
			if _, err := d.ExecContext(context.Background(), `DELETE FROM minutes`); err != nil {
				t.Fatal(err)
			}
			if _, err := minutes.NewStore(d).Save(context.Background(), w.f.meeting, minutes.Input{Body: body}, 0, w.env.Clock.Now()); err != nil {
				t.Fatal(err)
			}
			r := w.member.Get(w.base + "/minutes")
			if r.Status != http.StatusOK {
				t.Fatalf("%s: page %d", name, r.Status)
			}
			if len(r.Body) > markdown.MaxHTML+100000 {
				t.Errorf("%s: page of %d bytes from %d", name, len(r.Body), len(body))
			}
			if depth := nesting(r.Body); depth > markdown.MaxNesting+2 { // the page's own lists may wrap the text
				t.Errorf("%s: page nests quotes and lists %d deep", name, depth)
			}
			res := w.env.Client(t).JSON(http.MethodGet, "/api/v1"+w.base+"/minutes", tok, "")
			var got minutes.JSON
			if err := json.Unmarshal([]byte(res.Body), &got); err != nil || res.Status != http.StatusOK {
				t.Fatalf("%s: API %d %v", name, res.Status, err)
			}
			if len(got.BodyHTML) > markdown.MaxHTML || nesting(got.BodyHTML) > markdown.MaxNesting {
				t.Errorf("%s: API body_html of %d bytes nesting %d", name, len(got.BodyHTML), nesting(got.BodyHTML))
			}
		}
	})
}

// nesting returns how deep blockquote, ul and ol elements nest in h.
func nesting(h string) int {
	z := html.NewTokenizer(strings.NewReader(h))
	cur, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "blockquote" || string(name) == "ul" || string(name) == "ol" {
				cur++
				deepest = max(deepest, cur)
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "blockquote" || string(name) == "ul" || string(name) == "ol" {
				cur--
			}
		}
	}
}
