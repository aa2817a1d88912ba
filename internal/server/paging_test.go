package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestAPIPerPageBounds checks the edges of web.APIPage through a real API
// list: per_page 200, the documented maximum, is served; 201 is a 400 that
// names the field.
func TestAPIPerPageBounds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		c := env.Client(t)

		r := c.JSON(http.MethodGet, "/api/v1/organisations?per_page=200", "", "")
		var list struct {
			Items   []json.RawMessage `json:"items"`
			Page    int               `json:"page"`
			PerPage int               `json:"per_page"`
		}
		if err := json.Unmarshal([]byte(r.Body), &list); r.Status != http.StatusOK || err != nil || list.PerPage != 200 || list.Page != 1 || list.Items == nil {
			t.Fatalf("per_page=200: %d %v\n%s", r.Status, err, r.Body)
		}

		r = c.JSON(http.MethodGet, "/api/v1/organisations?per_page=201", "", "")
		var e struct {
			Error struct {
				Code   string            `json:"code"`
				Fields map[string]string `json:"fields"`
			} `json:"error"`
		}
		if err := json.Unmarshal([]byte(r.Body), &e); r.Status != http.StatusBadRequest || err != nil || e.Error.Code != "invalid" ||
			len(e.Error.Fields) != 1 || e.Error.Fields["per_page"] == "" {
			t.Fatalf("per_page=201: %d %v\n%s", r.Status, err, r.Body)
		}
	})
}
