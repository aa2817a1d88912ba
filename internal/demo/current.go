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

// translation is a project's or network's name and description (a
// network's purpose) in Swedish and English.
type translation struct {
	nameSv, nameEn, textSv, textEn string
}

// currentTranslations are the current networks' Swedish and English
// names and purposes (the purposes carry on the seeds' Finnish ones), by
// their Finnish names.
var currentTranslations = map[string]translation{
	kuntouttava: {
		nameSv: "Samarbetsnätverket för arbetsverksamhet i rehabiliteringssyfte",
		nameEn: "Rehabilitative Work Activity Cooperation Network",
		textSv: "Att ordna arbetsverksamhet i rehabiliteringssyfte och skapa gemensamma verksamhetsmodeller för att genomföra den " +
			"regionalt. Försöken ger erfarenheter av de funktionella och ekonomiska effekterna för kommuner och organisationer " +
			"samt av effekterna på den arbetslösas liv.",
		textEn: "Organising rehabilitative work activity and creating shared operating models for carrying it out across the region. " +
			"Pilots provide experience of the operational and financial effects on municipalities and organisations and of the " +
			"effects on the unemployed person's life.",
	},
	tyopajat: {
		nameSv: "Nätverket för verkstäder och coachning",
		nameEn: "Workshops and Coaching Network",
		textSv: "En enhetlig och etablerad verkstadsverksamhet i kommunerna i Uleåregionen. Nätverket besöker regionens verkstäder " +
			"för att bekanta sig med deras verksamhetsmodeller och sammanställer en rapport om dem för att sprida god praxis.",
		textEn: "Consistent and established workshop activities in the municipalities of the Oulu region. The network visits the " +
			"region's workshops to learn about their operating models and compiles a report on them to spread good practices.",
	},
	monipalvelu: {
		nameSv: "Nätverket för tjänstepartnerskap",
		nameEn: "Service Partnerships Network",
		textSv: "Att utreda den verksamhetsmodell för ett mångsidigt sysselsättningscenter som bäst motsvarar Uleåregionens behov " +
			"samt lämpliga alternativ för genomförande, organisering och finansiering. I samarbete med VATES-stiftelsens " +
			"MOVE-projekt och Nuorten Ystävät ry.",
		textEn: "Finding the operating model for a multi-service employment centre that best meets the needs of the Oulu region, " +
			"with suitable options for its implementation, organisation and funding. In cooperation with the VATES Foundation's " +
			"MOVE project and Nuorten Ystävät ry.",
	},
	"Palkkatuetun työn ja jatkotyöllistymisen verkosto": {
		nameSv: "Nätverket för arbete med lönesubvention och fortsatt sysselsättning",
		nameEn: "Pay-Subsidised Work and Further Employment Network",
		textSv: "Att förbättra effekten och kvaliteten av arbete med lönesubvention i kommunens och tredje sektorns stödda " +
			"sysselsättning. En modell för utvecklingssamtal som stöder fortsatt sysselsättning prövas först i Uleåborgs stads " +
			"förvaltningar och affärsverk.",
		textEn: "Improving the impact and quality of pay-subsidised work in supported employment by the municipality and the " +
			"third sector. A development discussion model that supports further employment is piloted first in the City of " +
			"Oulu's departments and municipal enterprises.",
	},
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
		tr: translation{
			nameSv: "Utvecklingsnätverken inom Uleåregionens sysselsättningsområde",
			nameEn: "Development Networks of the Oulu Region Employment Area",
			textSv: "Utvecklingsprojekt för Uleåregionens sysselsättningsområde. De offentliga arbetskraftstjänsterna överfördes " +
				"1.1.2025 från statens TE-byråer till kommunerna; projektet samlar sysselsättningsområdets kommuner, Norra " +
				"Österbottens välfärdsområde, organisationer, läroanstalter och företag i regionala utvecklingsnätverk. Arbetet " +
				"för vidare arvet från nätverken i Uleåregionens projekt för den mellanliggande arbetsmarknaden (2008–2011).",
			textEn: "Development project of the Oulu Region Employment Area. Public employment services moved from the state's " +
				"TE Offices to the municipalities on 1 January 2025; the project brings the employment area's municipalities, " +
				"the North Ostrobothnia Wellbeing Services County, NGOs, educational institutions and businesses together in " +
				"regional development networks. The work carries on the legacy of the networks of the Oulu Region Intermediate " +
				"Labour Market Project (2008–2011).",
		},
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
			c.tr = currentTranslations[c.name]
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
