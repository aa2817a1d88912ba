package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

// The demo's running networks: two Oulu networks meet monthly (meetings
// before the load time with agenda, answers, attendance, minutes,
// decisions and action items; meetings after it with agenda, a pending
// proposal and some answers), a third has one meeting coming, and the two
// have an action plan for the current year. Everything is written through
// the domain stores, dated relative to the load time.

// actItem is an agenda item: its title, who prepares it and for how many
// minutes, the notes shown on the agenda and what the minutes say of it.
type actItem struct {
	title    string
	preparer string // person key
	minutes  int
	notes    string
	record   string // the minutes' text on it
}

// actTask is an action item given at a meeting.
type actTask struct {
	title string
	owner string // person key
	due   int    // days after the meeting
	done  bool
	// late leaves an open item overdue; other open items are due at
	// least a week after the load.
	late       bool
	planAction string // title of an action of the network's plan to link
}

// actMeeting is one meeting of a series. For a past meeting absent,
// remote and extra say who attended and how (every current member who
// is not absent, plus extra); for a coming one inPerson, remote and absent
// are the answers given so far.
type actMeeting struct {
	title     string // "" keeps the series' title
	mode      string // "" keeps the series' mode
	place     string // "" keeps the series' place
	items     []actItem
	inPerson  []string
	remote    []string
	absent    []string
	extra     []string // deputies and guests who attended
	decisions []string
	tasks     []actTask
}

// actProposal is an agenda item a member has proposed and the convener
// has not yet accepted.
type actProposal struct {
	by   string
	item actItem
}

// actSeries is a network's monthly meeting series: on the week-th weekday
// of every month but July.
type actSeries struct {
	network     string
	title       string
	description string
	week        int
	weekday     time.Weekday
	hour, min   int
	length      time.Duration
	mode        string
	place, link string
	// past are the meetings before the load, oldest first; the last has
	// draft minutes, the others approved ones.
	past     []actMeeting
	upcoming []actMeeting
	// proposals go to the first coming meeting whose proposals are open.
	proposals []actProposal
}

// actSingle is a single meeting after the load.
type actSingle struct {
	network string
	title   string
	days    int // from the load, moved off the weekend
	hour    int
	length  time.Duration
	mode    string
	link    string
	items   []actItem
	remote  []string // answered to attend remotely
}

// actIndicator measures an action; values are measured on the first of
// each month up to the load (the last value the latest).
type actIndicator struct {
	name, unit       string
	baseline, target float64
	values           []float64
}

// actAction is an action of a plan; start and due are days from the load,
// kept within the plan's year.
type actAction struct {
	title       string
	owner       string
	start, due  int
	status      string
	progress    int
	indicator   *actIndicator
	description string
}

type actObjective struct {
	title, description string
	goal               int // position of the project goal
	weight             float64
	actions            []actAction
}

// actPlan is a network's action plan for the year of the load.
type actPlan struct {
	network     string
	title       string // with %d for the year
	description string
	objectives  []actObjective
}

const (
	kuntouttava      = "Kuntouttavan työtoiminnan yhteistyöverkosto"
	tyopajat         = "Työpajojen ja valmennuksen verkosto"
	monipalvelu      = "Palvelukumppanuuksien verkosto"
	projektiparkki   = "Projektiparkki, Hallituskatu 29 B, 4. krs, Oulu"
	opening          = "Kokouksen avaus ja esityslistan hyväksyminen"
	nextMeetingTitle = "Seuraava kokous"
)

// openItem is the first item of every agenda.
func openItem(convener, record string) actItem {
	return actItem{title: opening, preparer: convener, minutes: 5, record: record}
}

var actSeriesList = []actSeries{
	{
		network:     kuntouttava,
		title:       "Kuntouttavan työtoiminnan verkostokokous",
		description: "Verkoston kuukausikokous. Etäosallistujat pääsevät mukaan kokouslinkistä; materiaalit ovat esityslistan kohdissa.",
		week:        2, weekday: time.Tuesday, hour: 9, length: 2 * time.Hour,
		mode: meeting.ModeHybrid, place: projektiparkki, link: "https://meet.kohtaamo.example/kuntouttava-tyotoiminta",
		past: []actMeeting{
			{
				items: []actItem{
					openItem("hietala", "Puheenjohtaja Jarmo Hietala avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Kuulumiskierros: kuntouttavan työtoiminnan tilanne jäsenkunnissa", preparer: "hietala", minutes: 30,
						notes: "Kukin kunta kertoo lyhyesti asiakasmäärät, ryhmät ja ajankohtaiset haasteet.",
						record: "Kunnat kertoivat tilanteestaan. Pienissä kunnissa (Lumijoki, Hailuoto) asiakkaita on vähän ja ryhmätoiminnan " +
							"järjestäminen on vaikeaa; yhteiset ryhmät naapurikuntien kanssa nähtiin mahdollisuutena. Kempeleessä ja Muhoksessa " +
							"jonot kuntouttavaan työtoimintaan ovat kasvaneet."},
					{title: "Kokeilun suunnittelu: palveluohjaus osaksi kuntouttavaa työtoimintaa", preparer: "rasinkangas", minutes: 40,
						notes: "Kokeilusuunnitelman luonnos lähetetään jäsenille viikkoa ennen kokousta.",
						record: "Tiina Rasinkangas esitteli kokeilusuunnitelman luonnoksen: kuntouttavaan työtoimintaan yhdistetään palveluohjaus, " +
							"terveyspalvelut ja ryhmätoiminta. Kokeilulla todennetaan toiminnalliset ja taloudelliset vaikutukset kunnille ja " +
							"järjestöille sekä vaikutukset asiakkaan elämään. Keskustelussa toivottiin, että mittarit pidetään kevyinä."},
					{title: "Koulutuspäivä aktivointityöstä ja ammatillisesta kuntoutuksesta: ohjelmaluonnos", preparer: "rasinkangas", minutes: 30,
						record: "Koulutuspäivän tavoitteena on vahvistaa kuntien työntekijöiden roolia aktivointityössä ja kehittää yhteistyötä " +
							"työllisyysalueen työllisyyspalveluiden kanssa. Ohjelmaan toivottiin käytännön esimerkkejä kunnista ja Kelan ammatillisen kuntoutuksen esittelyä."},
					{title: nextMeetingTitle, preparer: "hietala", minutes: 5,
						record: "Seuraava kokous pidetään vierailuna Muhoksen kuntouttavan työtoiminnan ryhmässä."},
				},
				remote: []string{"pikkarainen", "haapala", "halonen"},
				absent: []string{"karjalainen", "heikkila"},
				decisions: []string{
					"Palveluohjauksen kokeilu käynnistetään Kempeleessä ja Muhoksessa; muut jäsenkunnat seuraavat kokeilua ja voivat liittyä siihen myöhemmin.",
					"Koulutuspäivän ohjelmatyöryhmään nimettiin Outi Alatalo, Anu Niskanen ja Tiina Rasinkangas.",
				},
				tasks: []actTask{
					{title: "Nimetään kokeilun yhteyshenkilöt Kempeleessä ja Muhoksessa", owner: "alatalo", due: 14, done: true},
					{title: "Kysytään Kelalta alustajaa koulutuspäivään", owner: "niskanen", due: 21, done: true},
				},
			},
			{
				title: "Vierailu: Muhoksen kuntouttavan työtoiminnan ryhmä", mode: meeting.ModeInPerson, place: "Muhoksen työtoimintakeskus, Muhos",
				items: []actItem{
					openItem("hietala", "Puheenjohtaja avasi kokouksen ja kiitti Muhoksen kuntaa vierailukutsusta."),
					{title: "Muhoksen ryhmätoimintamalli: kuntouttava työtoiminta ja terveyspalvelut samassa paikassa", preparer: "ojala", minutes: 45,
						notes: "Esittely ja tutustuminen työtoimintakeskuksen tiloihin.",
						record: "Anne Ojala esitteli Muhoksen mallin: terveydenhoitaja käy ryhmässä viikoittain ja sosiaaliohjaaja laatii " +
							"aktivointisuunnitelman yhdessä asiakkaan ja työllisyysalueen asiantuntijan kanssa. Asiakkaat kertoivat, että säännöllinen päivärytmi " +
							"ja ryhmä ovat heille tärkeimmät asiat. Verkosto piti mallia hyvänä käytäntönä, jota voi soveltaa muissakin kunnissa."},
					{title: "Aktivointisuunnitelmat yhdessä työllisyyspalveluiden kanssa", preparer: "niskanen", minutes: 30,
						record: "Anu Niskanen kävi läpi työllisyysalueen, hyvinvointialueen ja kuntien yhteiset käytännöt aktivointisuunnitelmien laatimisessa. " +
							"Tiedonkulku koettiin paikoin hitaaksi; sovittiin yhteisestä yhteyshenkilölistasta."},
					{title: "Kokeilun mittarit: toiminnalliset ja taloudelliset vaikutukset", preparer: "rasinkangas", minutes: 30,
						record: "Mittaristoluonnos käytiin läpi. Asiakkaan näkökulmaa mitataan lyhyellä alku- ja loppukyselyllä; kunnille " +
							"ja järjestöille kootaan kustannukset ja työpanos."},
				},
				absent: []string{"haapala", "kemppainen", "halonen"},
				decisions: []string{
					"Muhoksen ryhmätoimintamalli kirjataan verkoston hyväksi käytännöksi ja esitellään hankkeen uutiskirjeessä.",
					"Kokeilun mittaristo hyväksyttiin esitetyssä muodossa.",
				},
				tasks: []actTask{
					{title: "Kuvataan Muhoksen ryhmätoimintamalli hyvän käytännön kuvaukseksi", owner: "ojala", due: 21, done: true},
					{title: "Kootaan kuntien, hyvinvointialueen ja työllisyysalueen yhteyshenkilölista", owner: "niskanen", due: 14, done: true},
					{title: "Laaditaan kokeilun alku- ja loppukyselyn lomake", owner: "rasinkangas", due: 14, done: true},
				},
			},
			{
				mode: meeting.ModeRemote,
				items: []actItem{
					openItem("hietala", "Puheenjohtaja avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Kokeilun väliraportti: ensimmäiset asiakaskokemukset", preparer: "alatalo", minutes: 30,
						record: "Kempeleessä kokeiluun on osallistunut 12 ja Muhoksessa 9 asiakasta. Palveluohjaajan läsnäolo ryhmässä on " +
							"madaltanut kynnystä hakeutua terveyspalveluihin. Haasteena on kuljetusten järjestäminen haja-asutusalueilta."},
					{title: "Kelan ammatillinen kuntoutus kuntouttavan työtoiminnan jatkopolkuna", preparer: "vesterinen", minutes: 30,
						notes: "Helena Vesterinen Kelasta on kutsuttu alustamaan.",
						record: "Helena Vesterinen esitteli Kelan ammatillisen kuntoutuksen palvelut ja hakemisen käytännöt. Verkosto totesi, " +
							"että jatkopolku kuntouttavasta työtoiminnasta ammatilliseen kuntoutukseen jää usein käyttämättä, koska sitä ei " +
							"oteta puheeksi ajoissa."},
					{title: "Koulutuspäivän järjestelyt", preparer: "rasinkangas", minutes: 20,
						record: "Koulutuspäivä järjestetään hybridinä. Ilmoittautuneita on 48, joista 15 osallistuu etänä."},
					{title: "Yhteinen asiakasohjauslomake", preparer: "jokela", minutes: 15,
						record: "Satu Jokela esitteli ajatuksen yhteisestä asiakasohjauslomakkeesta, jota kaikki jäsenkunnat voisivat käyttää."},
				},
				absent: []string{"ojala", "moilanen", "niskanen"},
				extra:  []string{"seppanen", "vesterinen"},
				decisions: []string{
					"Ammatillisen kuntoutuksen puheeksiotto lisätään kokeilukuntien kuntouttavan työtoiminnan aloituskeskusteluun.",
					"Yhteisen asiakasohjauslomakkeen luonnos valmistellaan seuraavaan kokoukseen.",
				},
				tasks: []actTask{
					{title: "Lähetetään Kelan esitysmateriaali jäsenille", owner: "rasinkangas", due: 3, done: true},
					{title: "Laaditaan asiakasohjauslomakkeen luonnos", owner: "jokela", due: 21, late: true, planAction: "Yhteinen asiakasohjauslomake"},
					{title: "Selvitetään kuljetusmahdollisuudet haja-asutusalueilta kokeiluun", owner: "alatalo", due: 35},
				},
			},
			{
				items: []actItem{
					openItem("hietala", "Puheenjohtaja avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Koulutuspäivän palaute", preparer: "rasinkangas", minutes: 20,
						record: "Palautteen mukaan parasta antia oli verkostoituminen ja kasvokkainen kohtaaminen. Etäosallistujat toivoivat " +
							"parempaa äänentoistoa ja mahdollisuutta osallistua keskusteluun chatissa."},
					{title: "Palveluiden yhdistäminen: palveluohjaus, terveyspalvelut ja ryhmätoiminta", preparer: "halonen", minutes: 40,
						record: "Teemu Halonen Kaiku-hankkeesta kertoi kuntoutusohjauksen kokemuksista. Keskusteltiin siitä, miten " +
							"palveluohjaus voisi jatkua kokeilukunnissa kokeilun päätyttyä."},
					{title: "Toimintasuunnitelman tilannekatsaus", preparer: "hietala", minutes: 20,
						record: "Koulutuspäivä on toteutettu ja kokeilu etenee aikataulussa. Asiakasohjauslomake on myöhässä."},
				},
				remote: []string{"pikkarainen", "haapala", "heikkila"},
				absent: []string{"karjalainen"},
				decisions: []string{
					"Koulutuspäivän palaute ja materiaalit julkaistaan verkoston sivulla.",
					"Palveluohjauksen jatkamisesta kokeilun jälkeen valmistellaan esitys kokeilukuntien johdolle.",
				},
				tasks: []actTask{
					{title: "Valmistellaan esitys palveluohjauksen jatkamisesta", owner: "hietala", due: 28},
					{title: "Kootaan koulutuspäivän materiaalit verkoston sivulle", owner: "rasinkangas", due: 10},
				},
			},
		},
		upcoming: []actMeeting{
			{
				items: []actItem{
					openItem("hietala", ""),
					{title: "Kokeilun loppuarvio: vaikutukset kunnille, järjestöille ja asiakkaiden elämään", preparer: "rasinkangas", minutes: 40,
						notes: "Loppuraportin luonnos lähetetään jäsenille viikkoa ennen kokousta."},
					{title: "Hyvä käytäntö: Iin yksilölliset työtoimintapolut", preparer: "haapala", minutes: 30},
					{title: nextMeetingTitle, preparer: "hietala", minutes: 5},
				},
				inPerson: []string{"hietala", "rasinkangas", "alatalo", "jokela", "ojala", "niskanen", "kemppainen"},
				remote:   []string{"pikkarainen", "haapala", "karjalainen", "halonen"},
				absent:   []string{"heikkila"},
			},
			{
				title: "Ensi vuoden toimintasuunnitelma: ideointityöpaja", mode: meeting.ModeInPerson, place: "Kempeleen kunnantalo, Kempele",
				items: []actItem{
					openItem("hietala", ""),
					{title: "Ensi vuoden toimintasuunnitelman ideointi", preparer: "hietala", minutes: 90,
						notes: "Fasilitoitu työpaja. Pohjaksi käydään läpi kuluvan vuoden toimenpiteiden toteutuminen."},
				},
				inPerson: []string{"hietala", "rasinkangas"},
				remote:   []string{"haapala"},
			},
			{},
		},
		proposals: []actProposal{
			{by: "alatalo", item: actItem{title: "Asiakasohjauslomakkeen käyttöönotto kaikissa jäsenkunnissa", preparer: "alatalo", minutes: 20,
				notes: "Ehdotan, että lomakeluonnos käsitellään ja päätetään sen käyttöönotosta."}},
			{by: "niskanen", item: actItem{title: "Työllisyysalueen ajankohtaiset: palvelumallin ensimmäisten vuosien kokemukset", preparer: "niskanen", minutes: 15}},
		},
	},
	{
		network:     tyopajat,
		title:       "Työpajaverkoston kokous",
		description: "Verkosto kiertää seudun työpajoilla tutustumassa niiden toimintamalleihin. Kokouslinkki on etäosallistujille.",
		week:        3, weekday: time.Thursday, hour: 13, length: 2 * time.Hour,
		mode: meeting.ModeInPerson, place: projektiparkki, link: "https://meet.kohtaamo.example/tyopajaverkosto",
		past: []actMeeting{
			{
				title: "Työpajavierailu: Tyrnävän työpaja", place: "Tyrnävän työpaja, Tyrnävä",
				items: []actItem{
					openItem("ronkainen", "Pekka Ronkainen avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Starttipajatoiminta Tyrnävällä", preparer: "rantala", minutes: 45, notes: "Esittely ja kierros pajalla.",
						record: "Jukka Rantala esitteli starttipajan, jossa nuori aloittaa lyhyillä päivillä ja matalalla kynnyksellä ennen " +
							"varsinaista pajajaksoa. Starttijakson jälkeen noin kaksi kolmesta jatkaa pajalle tai koulutukseen."},
					{title: "Pajarekisteri: yhteinen tilastointi seudun työpajoille", preparer: "salmela", minutes: 30,
						record: "Arto Salmela kertoi pajarekisterin käytöstä. Yhteinen tilastointi helpottaisi seudullista raportointia ja " +
							"rahoitushakemuksia."},
					{title: "Hyvien käytäntöjen raportti: rakenne ja aikataulu", preparer: "ronkainen", minutes: 20,
						record: "Raporttiin kuvataan kunkin vierailun toimintamalli samalla rakenteella: tavoite, kohderyhmä, toteutus, " +
							"tulokset ja yhteyshenkilö."},
				},
				absent: []string{"kuusela", "makela"},
				decisions: []string{
					"Starttipajatoiminta kirjataan hyvien käytäntöjen raporttiin.",
					"Hyvien käytäntöjen raportti kootaan yhteisellä rakenteella; Pekka Ronkainen kokoaa raportin.",
				},
				tasks: []actTask{
					{title: "Kuvataan starttipajan asiakasprosessi raporttia varten", owner: "rantala", due: 21, done: true},
					{title: "Selvitetään pajarekisterin käyttöoikeudet jäsenkunnille", owner: "salmela", due: 28, done: true},
				},
			},
			{
				title: "Työpajavierailu: Nuorten Ystävät ry", mode: meeting.ModeHybrid, place: "Nuorten Ystävät ry, Oulu",
				items: []actItem{
					openItem("ronkainen", "Puheenjohtaja avasi kokouksen ja kiitti Nuorten Ystäviä isännöinnistä."),
					{title: "Asiakasarviointi työtoiminnassa", preparer: "rautio", minutes: 45,
						notes: "Sanna Rautio esittelee Nuorten Ystävien asiakasarvioinnin mallin.",
						record: "Sanna Rautio esitteli asiakasarvioinnin mallin: arvio tehdään yhdessä asiakkaan kanssa jakson alussa, " +
							"puolivälissä ja lopussa, ja se kattaa työtaidot, sosiaaliset taidot ja arjenhallinnan. Arvio siirtyy asiakkaan " +
							"luvalla hänen mukanaan seuraavaan palveluun."},
					{title: "Tuettu oppisopimuskoulutus työpajalta", preparer: "makela", minutes: 30,
						record: "Juha Mäkelä kertoi, miten pajajakso voi jatkua tuettuna oppisopimuksena. Tarvitaan työpajan, oppilaitoksen " +
							"ja työnantajan yhteinen sopimus ohjauksesta."},
					{title: "OPM:n työpajasuositukset ja seudullinen perustaso", preparer: "kuusela", minutes: 20,
						record: "Hannele Kuusela kävi läpi ministeriön suositukset työpajatoiminnalle. Seudullinen perustaso määritellään " +
							"suositusten pohjalta."},
				},
				remote: []string{"kuusela", "tormanen", "makela"},
				absent: []string{"heikkinen"},
				decisions: []string{
					"Nuorten Ystävien asiakasarvioinnin malli kirjataan hyvien käytäntöjen raporttiin.",
					"Seudullisen työpajatoiminnan perustason kriteerit valmistellaan OPM:n suositusten pohjalta.",
				},
				tasks: []actTask{
					{title: "Jaetaan asiakasarviointilomake verkoston jäsenille", owner: "rautio", due: 7, done: true},
					{title: "Kootaan perustason kriteerien luonnos", owner: "kuusela", due: 28, done: true},
				},
			},
			{
				title: "Laatukäsikirja ja oppilaitosyhteistyö", mode: meeting.ModeHybrid, place: "Eduro-säätiö, Oulu",
				items: []actItem{
					openItem("ronkainen", "Puheenjohtaja avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Laatukäsikirja: Iin työpajan kokemukset", preparer: "vayrynen", minutes: 40,
						record: "Riikka Väyrynen esitteli Iin työpajan laatukäsikirjan, johon on kuvattu prosessit asiakkaan vastaanotosta " +
							"jatkosuunnitelmaan. Verkosto ehdotti, että siitä tehdään seudullinen pohja, jota kukin paja täydentää."},
					{title: "Oppilaitosyhteistyömalli", preparer: "hyvonen", minutes: 30,
						record: "Tuula Hyvönen esitteli Eduron mallin, jossa pajajakso ja opinnot yhdistetään ja osaaminen tunnustetaan " +
							"tutkinnon osiksi."},
					{title: "Hyvien käytäntöjen raportti: tilannekatsaus", preparer: "ronkainen", minutes: 15,
						record: "Raporttiin on koottu starttipaja, asiakasarviointi ja pajarekisteri. Laatukäsikirja ja oppilaitosyhteistyömalli lisätään."},
				},
				remote: []string{"tormanen", "jokela", "alatalo"},
				absent: []string{"salmela"},
				decisions: []string{
					"Iin laatukäsikirjasta tehdään seudullinen pohja; jäsenorganisaatiot kommentoivat luonnosta.",
					"Oppilaitosyhteistyömalli kirjataan hyvien käytäntöjen raporttiin.",
				},
				tasks: []actTask{
					{title: "Laatukäsikirjan seudullinen pohja jäsenille kommentoitavaksi", owner: "vayrynen", due: 10, done: true},
					{title: "Kommentoidaan laatukäsikirjan luonnos Nuorten Ystävien osalta", owner: "rautio", due: 21, late: true,
						planAction: "Laatukäsikirjan seudullinen pohja"},
					{title: "Kuvataan tuetun oppisopimuksen malli raporttiin", owner: "makela", due: 35},
				},
			},
			{
				title: "Palveluiden tuotteistaminen ja tilaaja–tuottajamalli", mode: meeting.ModeRemote,
				items: []actItem{
					openItem("ronkainen", "Puheenjohtaja avasi kokouksen. Esityslista hyväksyttiin."),
					{title: "Työpajapalveluiden tuotteistaminen", preparer: "salmela", minutes: 40,
						record: "Arto Salmela esitteli palvelukuvauspohjan: palvelun sisältö, kohderyhmä, kesto, hinta ja tulokset. " +
							"Jäsenet pitivät pohjaa käyttökelpoisena."},
					{title: "Tilaaja–tuottajamallin aukikirjoittaminen", preparer: "pitkanen", minutes: 30,
						record: "Johanna Pitkänen kertoi Oulun kaupungin kokemuksista palvelujen ostamisesta järjestöiltä. Malli " +
							"kirjoitetaan auki esimerkkien avulla."},
					{title: "Hyvien käytäntöjen raportin luonnos", preparer: "ronkainen", minutes: 20,
						record: "Raportin luonnos on lähes valmis. Se julkaistaan hankkeen sivuilla ja esitellään uutiskirjeessä."},
				},
				absent: []string{"rautio", "heikkinen"},
				extra:  []string{"kemppainen"},
				decisions: []string{
					"Palvelukuvauspohja otetaan koekäyttöön kolmessa työpajassa.",
					"Hyvien käytäntöjen raportti viimeistellään ja julkaistaan.",
				},
				tasks: []actTask{
					{title: "Laaditaan työtoiminnan palvelukuvaus pohjan mukaan", owner: "rautio", due: 21},
					{title: "Viimeistellään hyvien käytäntöjen raportti", owner: "ronkainen", due: 28,
						planAction: "Työpajavierailut ja hyvien käytäntöjen raportti"},
				},
			},
		},
		upcoming: []actMeeting{
			{
				title: "Työpajavierailu: Iin työpaja", place: "Iin työpaja, Ii",
				items: []actItem{
					openItem("ronkainen", ""),
					{title: "Iin työpajan toimintamalli ja jatkopolut", preparer: "vayrynen", minutes: 45},
					{title: "Laatukäsikirjan seudullinen pohja: kommenttien yhteenveto", preparer: "vayrynen", minutes: 20},
					{title: nextMeetingTitle, preparer: "ronkainen", minutes: 5},
				},
				inPerson: []string{"ronkainen", "rasinkangas", "vayrynen", "rantala", "salmela"},
				remote:   []string{"kuusela", "tormanen"},
				absent:   []string{"hyvonen"},
			},
			{
				title: "Hyvien käytäntöjen raportin julkistus", mode: meeting.ModeHybrid,
				items: []actItem{
					openItem("ronkainen", ""),
					{title: "Hyvien käytäntöjen raportti ja sen levittäminen seudulla", preparer: "ronkainen", minutes: 45},
				},
				inPerson: []string{"ronkainen"},
			},
			{},
		},
		proposals: []actProposal{
			{by: "rautio", item: actItem{title: "Työhönvalmennuksen yhteiset laatukriteerit", preparer: "rautio", minutes: 20,
				notes: "Ehdotan, että sovimme työpajojen ja työtoiminnan työhönvalmennukselle yhteiset laatukriteerit laatukäsikirjan osaksi."}},
		},
	},
}

var actSingles = []actSingle{
	{
		network: monipalvelu,
		title:   "Palvelukumppanuudet: järjestöjen työllisyyspalvelut työllisyysalueen palveluvalikossa",
		days:    9, hour: 12, length: 90 * time.Minute,
		mode: meeting.ModeRemote, link: "https://meet.kohtaamo.example/monipalvelukeskus",
		items: []actItem{
			openItem("kivela", ""),
			{title: "Järjestöjen työllisyyspalvelut: läpivirtaavuus ja kumppanuussopimukset", preparer: "lindqvist", minutes: 40},
			{title: "Kuntien monipalvelukeskussuunnitelmien kartoitus: yhteenveto", preparer: "ronkainen", minutes: 30},
			{title: "Alueelliset koulutuspäivät yhdessä Nuorten Ystävien kanssa", preparer: "rautio", minutes: 15},
		},
		remote: []string{"kivela", "ronkainen", "savolainen", "lindqvist"},
	},
}

var actPlans = []actPlan{
	{
		network:     kuntouttava,
		title:       "Toimintasuunnitelma %d",
		description: "Toimintasuunnitelma tarkentaa hankesuunnitelman tavoitteet verkoston toimenpiteiksi: koulutusta ja konsultointia kunnille sekä kokeiluja jäsenkunnissa.",
		objectives: []actObjective{
			{title: "Kuntouttavan työtoiminnan seudullinen toimintamalli", goal: 1, weight: 2,
				description: "Koulutusta ja konsultointia kunnille sekä yhteiset käytännöt kuntouttavan työtoiminnan järjestämiseen.",
				actions: []actAction{
					{title: "Koulutuspäivä aktivointityöstä ja ammatillisesta kuntoutuksesta", owner: "rasinkangas", start: -120, due: -45, status: plan.ActionDone},
					{title: "Konsultointi kunnille kuntouttavan työtoiminnan käynnistämisessä", owner: "rasinkangas", start: -200, due: 40,
						status: plan.ActionInProgress, progress: 60},
					{title: "Yhteinen asiakasohjauslomake", owner: "jokela", start: -60, due: -10, status: plan.ActionInProgress, progress: 40,
						description: "Lähete- ja asiakasohjauslomake, jota kaikki jäsenkunnat voivat käyttää."},
				}},
			{title: "Kokeilut jäsenkunnissa", goal: 5, weight: 1,
				description: "Palveluohjauksen, terveyspalveluiden ja ryhmätoiminnan yhdistäminen kuntouttavaan työtoimintaan kokeiluna; vaikutukset kunnille, järjestöille ja asiakkaiden elämään.",
				actions: []actAction{
					{title: "Palveluohjauksen kokeilu Kempeleessä ja Muhoksessa", owner: "alatalo", start: -150, due: 30,
						status: plan.ActionInProgress, progress: 70,
						indicator: &actIndicator{name: "Kokeiluun osallistuneet asiakkaat", unit: "henkilöä", baseline: 0, target: 40,
							values: []float64{6, 11, 17, 21, 26}}},
					{title: "Kokeilun vaikutusten arviointi", owner: "rasinkangas", start: 10, due: 60, status: plan.ActionPlanned},
				}},
		},
	},
	{
		network:     tyopajat,
		title:       "Toimintasuunnitelma %d",
		description: "Työpajatoiminnan seudullinen yhtenäisyys ja hyvien käytäntöjen levittäminen: verkosto kiertää seudun työpajoilla ja kokoaa niiden toimintamalleista raportin.",
		objectives: []actObjective{
			{title: "Yhtenäinen työpajatoiminnan perustaso", goal: 2, weight: 2,
				description: "Perustason kriteerit, jotka kaikkien Oulun seudun työpajojen tulisi täyttää, OPM:n suositukset huomioiden.",
				actions: []actAction{
					{title: "Seudullisen perustason kriteerit", owner: "kuusela", start: -150, due: -60, status: plan.ActionDone},
					{title: "Laatukäsikirjan seudullinen pohja", owner: "vayrynen", start: -90, due: 45, status: plan.ActionInProgress, progress: 50,
						indicator: &actIndicator{name: "Laatukäsikirjan käyttöön ottaneet työpajat", unit: "työpajaa", baseline: 2, target: 8,
							values: []float64{2, 3, 3, 5}}},
					{title: "Pajarekisterin käyttöönotto kaikissa jäsenkunnissa", owner: "salmela", start: -120, due: 75,
						status: plan.ActionInProgress, progress: 30},
					{title: "Palveluiden tuotteistaminen ja tilaaja–tuottajamallin kuvaus", owner: "pitkanen", start: -20, due: 90, status: plan.ActionPlanned},
				}},
			{title: "Hyvien käytäntöjen kokoaminen ja levittäminen", goal: 5, weight: 1,
				description: "Starttipaja, asiakasarviointi, pajarekisteri, laatukäsikirja, oppilaitosyhteistyö ja tuettu oppisopimus tutuiksi koko seudulle.",
				actions: []actAction{
					{title: "Työpajavierailut ja hyvien käytäntöjen raportti", owner: "ronkainen", start: -180, due: 20,
						status: plan.ActionInProgress, progress: 75},
					{title: "Asiakasarvioinnin mallin levittäminen seudun työpajoihin", owner: "rautio", start: -40, due: 50,
						status: plan.ActionInProgress, progress: 30},
					{title: "Oppilaitosyhteistyömallin esittely jäsenorganisaatioille", owner: "hyvonen", start: -100, due: -30, status: plan.ActionDone},
				}},
		},
	},
}

// activity writes the demo's meetings, minutes and plans in one
// transaction through the domain stores.
type activity struct {
	ctx      context.Context
	tx       *sql.Tx
	now      time.Time // the load time
	today    time.Time // its Helsinki day, as DATE columns hold it
	people   map[string]int64
	networks map[string]int64
	goals    map[string][]int64 // project name → goal ids in order
	meetings *meeting.Store
	minutes  *minutes.Store
	plans    *plan.Store
	// planActions holds the plan actions' ids by network and title.
	planActions map[string]int64
}

// loadActivity writes the running networks' meetings, minutes and plans
// and records the reminders of tasks already due as sent, so the first
// start mails nobody.
func loadActivity(ctx context.Context, tx *sql.Tx, now time.Time, people, networks map[string]int64, goals map[string][]int64) error {
	a := &activity{ctx: ctx, tx: tx, now: now, today: app.Day(now), people: people, networks: networks, goals: goals,
		meetings: meeting.NewStore(tx), minutes: minutes.NewStore(tx), plans: plan.NewStore(tx), planActions: map[string]int64{}}
	for _, p := range actPlans {
		if err := a.plan(p); err != nil {
			return fmt.Errorf("demo plan of %s: %w", p.network, err)
		}
	}
	for _, s := range actSeriesList {
		if err := a.series(s); err != nil {
			return fmt.Errorf("demo meetings of %s: %w", s.network, err)
		}
	}
	for _, s := range actSingles {
		if err := a.single(s); err != nil {
			return fmt.Errorf("demo meeting of %s: %w", s.network, err)
		}
	}
	if err := a.loadHistory(); err != nil {
		return err
	}
	ts := task.NewStore(tx)
	due, err := ts.NeedingReminders(ctx, a.today)
	if err != nil {
		return err
	}
	for _, d := range due {
		if _, err := ts.MarkReminded(ctx, d.Kind, d.ID, d.Reminder, *d.DueOn, now); err != nil {
			return err
		}
	}
	return nil
}

// validate runs a Validate method and returns its errors.
func validate(f func(v *app.Validator)) error {
	var v app.Validator
	f(&v)
	return v.Err()
}

func (a *activity) person(key string) (int64, error) {
	id, ok := a.people[key]
	if !ok {
		return 0, fmt.Errorf("unknown person %q", key)
	}
	return id, nil
}

func earlier(x, y time.Time) time.Time {
	if x.Before(y) {
		return x
	}
	return y
}

func laterDay(x, y time.Time) time.Time {
	if x.After(y) {
		return x
	}
	return y
}

var ruleDays = []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// seedNetworkNamed returns a network's seed entry.
func seedNetworkNamed(name string) (seedNetwork, bool) {
	for _, p := range seedProjects {
		for _, n := range p.networks {
			if n.name == name {
				return n, true
			}
		}
	}
	return seedNetwork{}, false
}

// roleHolder returns the key of the network's member with a role.
func roleHolder(n seedNetwork, role string) string {
	for _, m := range n.members {
		if m.role == role {
			return m.person
		}
	}
	return ""
}

// series creates a network's monthly series around the load time and
// fills its meetings.
func (a *activity) series(s actSeries) error {
	netID, ok := a.networks[s.network]
	if !ok {
		return fmt.Errorf("unknown network")
	}
	seed, _ := seedNetworkNamed(s.network)
	// The occurrences from ten months before the load to ten after, July
	// (the summer break) left out.
	local := a.now.In(app.Helsinki)
	var occ []time.Time
	for k := -10; k <= 10; k++ {
		first := time.Date(local.Year(), local.Month()+time.Month(k), 1, 0, 0, 0, 0, app.Helsinki)
		if first.Month() == time.July {
			continue
		}
		day := nthWeekday(first.Year(), first.Month(), s.week, s.weekday)
		occ = append(occ, time.Date(first.Year(), first.Month(), day, s.hour, s.min, 0, 0, app.Helsinki))
	}
	i := 0
	for i < len(occ) && !occ[i].Add(s.length).After(a.now) {
		i++
	}
	window := occ[i-len(s.past) : i+len(s.upcoming)]
	first := window[0]
	created := first.AddDate(0, 0, -21)
	deadline := time.Date(first.Year(), first.Month(), first.Day()-7, 16, 0, 0, 0, app.Helsinki)
	in := meeting.Input{
		Title: s.title, Description: s.description, StartsAt: first, EndsAt: first.Add(s.length),
		Mode: s.mode, Place: s.place, RemoteLink: s.link, AgendaDeadline: &deadline,
		RRule: fmt.Sprintf("FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,8,9,10,11,12;BYDAY=%d%s;COUNT=%d", s.week, ruleDays[s.weekday], len(window)),
	}
	translate(&in)
	if err := validate(func(v *app.Validator) { in.Validate(v, created, true) }); err != nil {
		return err
	}
	ids, err := a.meetings.Create(a.ctx, netID, in, created)
	if err != nil {
		return err
	}
	if len(ids) != len(window) {
		return fmt.Errorf("series has %d meetings, want %d", len(ids), len(window))
	}
	proposalsDone := false
	for k, id := range ids {
		m, err := a.meetings.Get(a.ctx, id)
		if err != nil {
			return err
		}
		if !m.StartsAt.Equal(window[k].UTC()) {
			return fmt.Errorf("meeting %d starts %s, want %s", k, m.StartsAt, window[k].UTC())
		}
		var spec actMeeting
		past := k < len(s.past)
		if past {
			spec = s.past[k]
		} else {
			spec = s.upcoming[k-len(s.past)]
		}
		if m, err = a.adjust(m, spec, created); err != nil {
			return err
		}
		if err := a.agenda(m, spec.items); err != nil {
			return err
		}
		if past {
			if err := a.held(m, seed, spec, k == len(s.past)-1); err != nil {
				return fmt.Errorf("meeting %s: %w", m.When(), err)
			}
			continue
		}
		if !proposalsDone && m.ProposalsOpen(a.now.Add(time.Hour)) {
			for _, p := range s.proposals {
				if err := a.propose(m, p); err != nil {
					return err
				}
			}
			proposalsDone = true
		}
		if err := a.answers(m, spec); err != nil {
			return err
		}
	}
	return nil
}

// adjust gives a meeting of a series its own title, mode and place; a
// remote meeting has no place and one in person no link.
func (a *activity) adjust(m *meeting.Meeting, spec actMeeting, at time.Time) (*meeting.Meeting, error) {
	in := meeting.Input{Title: m.Title, Description: m.Description, StartsAt: m.StartsAt, EndsAt: m.EndsAt,
		Mode: m.Mode, Place: m.Place, RemoteLink: m.RemoteLink, AgendaDeadline: m.AgendaDeadline}
	if spec.title != "" {
		in.Title = spec.title
	}
	translate(&in)
	if spec.mode != "" {
		in.Mode = spec.mode
	}
	if spec.place != "" {
		in.Place = spec.place
	}
	switch in.Mode {
	case meeting.ModeRemote:
		in.Place = ""
	case meeting.ModeInPerson:
		in.RemoteLink = ""
	}
	if in.Title == m.Title && in.Mode == m.Mode && in.Place == m.Place && in.RemoteLink == m.RemoteLink {
		return m, nil
	}
	if err := validate(func(v *app.Validator) { in.Validate(v, at, false) }); err != nil {
		return nil, err
	}
	if _, err := a.meetings.Update(a.ctx, m.ID, in, at); err != nil {
		return nil, err
	}
	return a.meetings.Get(a.ctx, m.ID)
}

// agenda adds the accepted items ten days before the meeting (or just
// before the load).
func (a *activity) agenda(m *meeting.Meeting, items []actItem) error {
	at := earlier(m.StartsAt.AddDate(0, 0, -10), a.now.Add(-2*time.Hour))
	for _, it := range items {
		if _, err := a.addItem(m, it, meeting.ItemAccepted, "", at); err != nil {
			return err
		}
	}
	return nil
}

func (a *activity) addItem(m *meeting.Meeting, it actItem, status, by string, at time.Time) (int64, error) {
	in := meeting.ItemInput{Title: it.title, Minutes: it.minutes, Notes: it.notes}
	var err error
	if in.PreparerID, err = a.person(it.preparer); err != nil {
		return 0, err
	}
	var byID int64
	if by != "" {
		if byID, err = a.person(by); err != nil {
			return 0, err
		}
	}
	if err := validate(in.Validate); err != nil {
		return 0, err
	}
	return a.meetings.AddItem(a.ctx, m, in, status, byID, at)
}

// propose adds a member's pending proposal a few days before the load.
func (a *activity) propose(m *meeting.Meeting, p actProposal) error {
	at := earlier(m.StartsAt.AddDate(0, 0, -12), a.now.Add(-26*time.Hour))
	_, err := a.addItem(m, p.item, meeting.ItemProposed, p.by, at)
	return err
}

// answers records the answers given so far to a coming meeting.
func (a *activity) answers(m *meeting.Meeting, spec actMeeting) error {
	at := earlier(m.StartsAt.AddDate(0, 0, -5), a.now.Add(-time.Hour))
	for answer, keys := range map[string][]string{meeting.AnswerInPerson: spec.inPerson, meeting.AnswerRemote: spec.remote, meeting.AnswerNo: spec.absent} {
		if answer == meeting.AnswerRemote && m.Mode == meeting.ModeInPerson {
			// An in-person meeting has no remote answers.
			answer = meeting.AnswerInPerson
		}
		for _, k := range keys {
			pid, err := a.person(k)
			if err != nil {
				return err
			}
			if err := a.meetings.SetResponse(a.ctx, m.ID, pid, answer, at); err != nil {
				return err
			}
		}
	}
	return nil
}

// held records a past meeting: answers, attendance, minutes (approved,
// or a draft for the latest), decisions and action items.
func (a *activity) held(m *meeting.Meeting, seed seedNetwork, spec actMeeting, latest bool) error {
	remote := map[string]bool{}
	for _, k := range spec.remote {
		remote[k] = true
	}
	absent := map[string]bool{}
	for _, k := range spec.absent {
		absent[k] = true
	}
	// Every current member who is not absent attends, and the extra
	// deputies and guests; the spec may name only members.
	principal := map[string]bool{}
	var attendees []string
	for _, mem := range seed.members {
		if mem.deputyOf == "" && mem.role != "guest" && mem.end.IsZero() && mem.endDaysAgo == 0 {
			principal[mem.person] = true
			if !absent[mem.person] {
				attendees = append(attendees, mem.person)
			}
		}
	}
	attendees = append(attendees, spec.extra...)
	for _, k := range append(append([]string(nil), spec.absent...), spec.remote...) {
		if !principal[k] {
			return fmt.Errorf("%s is not a current member", k)
		}
	}
	modes := map[int64]string{}
	answeredAt := m.StartsAt.AddDate(0, 0, -5)
	nRemote := 0
	for _, k := range attendees {
		pid, err := a.person(k)
		if err != nil {
			return err
		}
		mode := meeting.AttendedInPerson
		if m.Mode == meeting.ModeRemote || (m.Mode == meeting.ModeHybrid && remote[k]) {
			mode = meeting.AttendedRemote
			nRemote++
		}
		modes[pid] = mode
		if err := a.meetings.SetResponse(a.ctx, m.ID, pid, mode, answeredAt); err != nil {
			return err
		}
	}
	for _, k := range spec.absent {
		pid, err := a.person(k)
		if err != nil {
			return err
		}
		if err := a.meetings.SetResponse(a.ctx, m.ID, pid, meeting.AnswerNo, answeredAt); err != nil {
			return err
		}
	}
	if err := a.meetings.SetAttendance(a.ctx, m, modes, m.EndsAt); err != nil {
		return err
	}

	// The secretary writes the minutes the next day; the convener
	// approves them within a week. The latest meeting's are a draft.
	convener, secretary := roleHolder(seed, "convener"), roleHolder(seed, "secretary")
	cp, _ := personByKey(convener)
	sp, _ := personByKey(secretary)
	var body strings.Builder
	fmt.Fprintf(&body, "**Puheenjohtaja:** %s  \n**Sihteeri:** %s  \n**Läsnä:** %d osallistujaa, joista %d etäyhteydellä\n\n",
		cp.name, sp.name, len(attendees), nRemote)
	n := 0
	for _, it := range spec.items {
		if it.record == "" {
			continue
		}
		n++
		fmt.Fprintf(&body, "## %d. %s\n\n%s\n\n", n, it.title, it.record)
	}
	body.WriteString("Puheenjohtaja päätti kokouksen.\n")
	in := minutes.Input{Body: body.String(), Decisions: append([]string(nil), spec.decisions...)}
	if err := validate(func(v *app.Validator) { in.Validate(v, false) }); err != nil {
		return err
	}
	secretaryID, err := a.person(secretary)
	if err != nil {
		return err
	}
	written := earlier(m.EndsAt.AddDate(0, 0, 1), a.now)
	mn, err := a.minutes.Save(a.ctx, m.ID, in, secretaryID, written)
	if err != nil {
		return err
	}
	for _, t := range spec.tasks {
		if err := a.task(m, t, written); err != nil {
			return fmt.Errorf("action item %q: %w", t.title, err)
		}
	}
	if latest {
		return nil
	}
	convenerID, err := a.person(convener)
	if err != nil {
		return err
	}
	_, err = a.minutes.Approve(a.ctx, m.ID, mn.Version, convenerID, earlier(m.EndsAt.AddDate(0, 0, 6), a.now))
	return err
}

// task adds an action item given at a meeting; a done one is marked done
// halfway to its due date.
func (a *activity) task(m *meeting.Meeting, t actTask, at time.Time) error {
	owner, err := a.person(t.owner)
	if err != nil {
		return err
	}
	day := app.Day(m.StartsAt)
	due := day.AddDate(0, 0, t.due)
	if !t.done && !t.late {
		due = laterDay(due, a.today.AddDate(0, 0, 7))
	}
	if t.late && !due.Before(a.today) {
		return fmt.Errorf("due %s is not before the load", due.Format(time.DateOnly))
	}
	in := minutes.ItemInput{Title: t.title, OwnerID: owner, DueOn: &due, Status: minutes.ItemOpen}
	if t.planAction != "" {
		id, ok := a.planActions[m.NetworkName+"\x00"+t.planAction]
		if !ok {
			return fmt.Errorf("no plan action %q", t.planAction)
		}
		in.PlanActionID = id
	}
	if err := validate(in.Validate); err != nil {
		return err
	}
	id, err := a.minutes.AddItem(a.ctx, m.ID, m.NetworkID, in, at)
	if err != nil {
		return err
	}
	if t.done {
		doneAt := earlier(at.AddDate(0, 0, max(t.due/2, 1)), a.now.Add(-time.Hour))
		return a.minutes.SetItemStatus(a.ctx, id, minutes.ItemDone, doneAt)
	}
	return nil
}

// single creates a single coming meeting with its agenda and answers.
func (a *activity) single(s actSingle) error {
	netID, ok := a.networks[s.network]
	if !ok {
		return fmt.Errorf("unknown network")
	}
	day := a.now.In(app.Helsinki).AddDate(0, 0, s.days)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), s.hour, 0, 0, 0, app.Helsinki)
	created := a.now.AddDate(0, 0, -10)
	in := meeting.Input{Title: s.title, StartsAt: start, EndsAt: start.Add(s.length), Mode: s.mode, RemoteLink: s.link}
	translate(&in)
	if err := validate(func(v *app.Validator) { in.Validate(v, created, true) }); err != nil {
		return err
	}
	ids, err := a.meetings.Create(a.ctx, netID, in, created)
	if err != nil {
		return err
	}
	m, err := a.meetings.Get(a.ctx, ids[0])
	if err != nil {
		return err
	}
	if err := a.agenda(m, s.items); err != nil {
		return err
	}
	return a.answers(m, actMeeting{remote: s.remote})
}

// plan writes a network's action plan for the year of the load.
func (a *activity) plan(p actPlan) error {
	netID, ok := a.networks[p.network]
	if !ok {
		return fmt.Errorf("unknown network")
	}
	ref, err := network.NewRefs(a.tx, nil).Get(a.ctx, netID)
	if err != nil {
		return err
	}
	year := a.today.Year()
	yearStart, yearEnd := date(year, time.January, 1), date(year, time.December, 31)
	clamp := func(days int) *time.Time {
		d := a.today.AddDate(0, 0, days)
		if d.Before(yearStart) {
			d = yearStart
		}
		if d.After(yearEnd) {
			d = yearEnd
		}
		return &d
	}
	created := earlier(time.Date(year, time.January, 20, 10, 0, 0, 0, app.Helsinki), a.now.Add(-time.Hour))
	pin := plan.PlanInput{Title: fmt.Sprintf(p.title, year), Description: p.description, StartsOn: &yearStart, EndsOn: &yearEnd,
		Status: plan.StatusActive}
	if err := validate(pin.Validate); err != nil {
		return err
	}
	planID, err := a.plans.CreatePlan(a.ctx, ref.ID, pin, created)
	if err != nil {
		return err
	}
	for _, o := range p.objectives {
		goals := a.goals[ref.ProjectName]
		if o.goal < 1 || o.goal > len(goals) {
			return fmt.Errorf("objective %q: no goal %d", o.title, o.goal)
		}
		oin := plan.ObjectiveInput{Title: o.title, Description: o.description, GoalID: goals[o.goal-1], Weight: o.weight}
		if err := validate(oin.Validate); err != nil {
			return err
		}
		objID, err := a.plans.CreateObjective(a.ctx, planID, oin, created)
		if err != nil {
			return err
		}
		for _, ac := range o.actions {
			owner, err := a.person(ac.owner)
			if err != nil {
				return err
			}
			ain := plan.ActionInput{Title: ac.title, Description: ac.description, OwnerID: owner, StartsOn: clamp(ac.start),
				DueOn: clamp(ac.due), Status: ac.status, Progress: ac.progress, Weight: 1}
			if err := validate(ain.Validate); err != nil {
				return fmt.Errorf("action %q: %w", ac.title, err)
			}
			actionID, err := a.plans.CreateAction(a.ctx, objID, ain, created)
			if err != nil {
				return err
			}
			a.planActions[p.network+"\x00"+ac.title] = actionID
			if ac.indicator != nil {
				if err := a.indicator(actionID, ac.indicator, yearStart, created); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// indicator adds an action's indicator with its values measured on the
// first of the months up to the load, within the plan's year.
func (a *activity) indicator(actionID int64, ind *actIndicator, yearStart, created time.Time) error {
	baseline, target := ind.baseline, ind.target
	in := plan.IndicatorInput{Name: ind.name, Unit: ind.unit, Baseline: &baseline, Target: &target}
	if err := validate(in.Validate); err != nil {
		return err
	}
	id, err := a.plans.CreateIndicator(a.ctx, actionID, in, created)
	if err != nil {
		return err
	}
	month := date(a.today.Year(), a.today.Month(), 1)
	for i := len(ind.values) - 1; i >= 0 && !month.Before(yearStart); i-- {
		on, value := month, ind.values[i]
		vin := plan.ValueInput{MeasuredOn: &on, Value: &value}
		if err := validate(vin.Validate); err != nil {
			return err
		}
		if err := a.plans.SetValue(a.ctx, id, vin, earlier(on.Add(12*time.Hour), a.now)); err != nil {
			return err
		}
		month = month.AddDate(0, -1, 0)
	}
	return nil
}
