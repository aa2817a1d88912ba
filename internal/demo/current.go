package demo

import (
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// OuluHistoryProject is the seeds' Oulu project (2008–2011), kept as
// history: ended, its networks archived, its members' terms over.
const OuluHistoryProject = "Oulun seudun välityömarkkinahanke"

// currentNames renames the seeds' Oulu networks for the current project,
// which carries their work on in the municipal employment area.
var currentNames = map[string]string{
	"Kuntouttavan työtoiminnan kehittämisverkosto":           kuntouttava,
	"Työpajatoiminnan kehittämisverkosto":                    tyopajat,
	"Työllistämisen monipalvelukeskusten kehittämisverkosto": monipalvelu,
	"Palkkatuetun työn kehittämisverkosto":                   "Palkkatuetun työn ja jatkotyöllistymisen verkosto",
}

// currentEnds are the terms of the current networks that ended before the
// load, in days before it (the seeds' ended terms, moved to today).
var currentEnds = map[string]int{"koivisto": 75, "kinnunen": 45, "moilanen": 100}

// currentProject is the demo's current project: a development project of
// the Oulu region's employment area, which since 1 January 2025 arranges
// the public employment services the state's TE office ran before. Its
// networks carry on the seeds' Oulu networks with today's organisations:
// the employment area, the wellbeing services county and the state's
// regional administration (elinvoimakeskus). Its dates follow the load
// time (loadSeed fills them in).
func currentProject() seedProject {
	p := seedProject{
		name:    OuluProject,
		funder:  "Euroopan sosiaalirahasto plus (ESR+), Pohjois-Suomen elinvoimakeskus",
		current: true,
		description: "Oulun seudun työllisyysalueen kehittämishanke. Julkiset työvoimapalvelut siirtyivät 1.1.2025 valtion " +
			"TE-toimistolta kunnille; hanke kokoaa työllisyysalueen kunnat, Pohjois-Pohjanmaan hyvinvointialueen, järjestöt, " +
			"oppilaitokset ja yritykset seudullisiin kehittämisverkostoihin. Työ jatkaa Oulun seudun välityömarkkinahankkeen " +
			"(2008–2011) verkostojen perintöä.",
		goals: []seedGoal{
			{"Kuntouttavan työtoiminnan yhteinen malli",
				"Työllisyysalue ja hyvinvointialue järjestävät kuntouttavan työtoiminnan yhteisin käytännöin kaikissa alueen kunnissa."},
			{"Yhtenäinen työpaja- ja valmennustoiminta",
				"Työpajojen perustaso, laatukäsikirja ja pajarekisteri käyttöön koko työllisyysalueella."},
			{"Palvelukumppanuudet järjestöjen ja yritysten kanssa",
				"Kolmannen sektorin ja yritysten työllisyyspalvelut osaksi työllisyysalueen palveluvalikkoa."},
			{"Palkkatuetun työn vaikuttavuus ja jatkotyöllistyminen",
				"Jatkotyöllistymistä tukeva kehityskeskustelumalli kuntien ja järjestöjen palkkatuettuun työhön."},
			{"Hyvien käytäntöjen levittäminen",
				"Kootaan ja levitetään alueen hyviä käytäntöjä kehittämisverkostoissa ja kokeillaan niitä jäsenkunnissa."},
		},
		municipalities: []string{"564", "244", "425", "436", "494", "859", "072", "139"},
		staff:          []seedStaff{{"kivela", "coordinator"}, {"ronkainen", "worker"}, {"rasinkangas", "worker"}},
	}
	for _, past := range pastProjects {
		if past.name != OuluHistoryProject {
			continue
		}
		for _, n := range past.networks {
			c := n
			c.name = currentNames[n.name]
			c.status = "active"
			c.start, c.end = time.Time{}, time.Time{}
			c.members = nil
			for _, m := range n.members {
				if !m.end.IsZero() {
					m.endDaysAgo = currentEnds[m.person]
				}
				m.start, m.end = time.Time{}, time.Time{}
				c.members = append(c.members, m)
			}
			p.networks = append(p.networks, c)
		}
	}
	return p
}

// currentDates returns the current project's period and its members' first
// day: from 1 January of the year before the load to 31 December of the
// year after it, members from the first of the month six months before the
// load (before the first meeting the demo holds).
func currentDates(now time.Time) (starts, ends, members time.Time) {
	d := now.In(app.Helsinki)
	starts = date(d.Year()-1, time.January, 1)
	ends = date(d.Year()+1, time.December, 31)
	members = date(d.Year(), d.Month()-6, 1)
	if members.Before(starts) {
		members = starts
	}
	return starts, ends, members
}
