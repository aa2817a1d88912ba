package demo

import "time"

// The seed data set mirrors the seed documents: the Oulu region
// intermediate labour market project and its four development networks,
// KasvuPOK in North Karelia and Osaamo in Rovaniemi. Organisations are
// real; every person is invented, with phone numbers in the unused
// 040 000 xxxx range and addresses under example.fi.

type seedOrg struct {
	key         string
	name        string
	sector      string
	muni        string // official municipality code, "" when none
	website     string
	mail        string // e-mail domain of its invented people
	description string
}

type seedPerson struct {
	key   string
	name  string
	title string
	org   string
	email string // "" derives etunimi.sukunimi@<org mail domain>
	lang  string // "" is Finnish
}

type seedGoal struct{ title, description string }

type seedStaff struct{ person, role string }

type seedMember struct {
	person   string
	role     string
	org      string // representing organisation; "" is the person's own
	deputyOf string // person key of the member this one deputises
	start    time.Time
	end      time.Time
	// endDaysAgo ends the term that many days before the load (the
	// current project, whose dates follow the load time).
	endDaysAgo int
}

type seedNetwork struct {
	name       string
	purpose    string
	tr         translation // Swedish and English name and purpose
	cadence    string
	status     string
	themes     []string
	start, end time.Time // default term of its members
	members    []seedMember
}

type seedProject struct {
	name         string
	funder       string
	starts, ends time.Time
	description  string
	tr           translation // Swedish and English name and description
	archived     bool
	// current dates the project around the load time: from 1 January of
	// the year before to 31 December of the year after, its members from
	// six months before the load (just before the first meeting held).
	current bool
	// orgThen names the organisation a person represented in this (past)
	// project when it is not theirs today (the TE offices' staff moved
	// to the municipal employment areas in 2025).
	orgThen        map[string]string
	goals          []seedGoal
	municipalities []string
	staff          []seedStaff
	networks       []seedNetwork
}

var seedOrgs = []seedOrg{
	// Oulu region: the municipalities of the project by their official codes.
	{key: "oulu", name: "Oulun kaupunki", sector: "municipality", muni: "564", website: "https://www.ouka.fi", mail: "oulu.example.fi"},
	{key: "kempele", name: "Kempeleen kunta", sector: "municipality", muni: "244", website: "https://www.kempele.fi", mail: "kempele.example.fi"},
	{key: "liminka", name: "Limingan kunta", sector: "municipality", muni: "425", website: "https://www.liminka.fi", mail: "liminka.example.fi"},
	{key: "lumijoki", name: "Lumijoen kunta", sector: "municipality", muni: "436", website: "https://www.lumijoki.fi", mail: "lumijoki.example.fi"},
	{key: "muhos", name: "Muhoksen kunta", sector: "municipality", muni: "494", website: "https://www.muhos.fi", mail: "muhos.example.fi"},
	{key: "tyrnava", name: "Tyrnävän kunta", sector: "municipality", muni: "859", website: "https://www.tyrnava.fi", mail: "tyrnava.example.fi"},
	{key: "hailuoto", name: "Hailuodon kunta", sector: "municipality", muni: "072", website: "https://www.hailuoto.fi", mail: "hailuoto.example.fi"},
	{key: "ii", name: "Iin kunta", sector: "municipality", muni: "139", website: "https://www.ii.fi", mail: "ii.example.fi"},
	{key: "oulu_tekninen", name: "Oulun kaupungin Tekninen liikelaitos", sector: "municipality", muni: "564", mail: "tekninen.oulu.example.fi",
		description: "Osallistuu palkkatuetun työn jatkotyöllistymistä tukevan kehityskeskustelumallin pilotointiin."},
	{key: "oulu_nuoriso", name: "Oulun kaupungin Nuorisoasiainkeskus", sector: "municipality", muni: "564", mail: "nuoriso.oulu.example.fi",
		description: "Osallistuu palkkatuetun työn kehityskeskustelumallin pilotointiin."},
	{key: "te_oulu", name: "Oulun TE-toimisto", sector: "state_admin", muni: "564", mail: "te-oulu.example.fi",
		description: "Valtion TE-toimisto vuoteen 2024; julkiset työvoimapalvelut siirtyivät 1.1.2025 kunnille ja työllisyysalueille."},
	{key: "ely_pp", name: "Pohjois-Pohjanmaan ELY-keskus", sector: "state_admin", muni: "564", website: "https://www.ely-keskus.fi", mail: "ely-pp.example.fi",
		description: "Toiminta päättyi 31.12.2025; tehtävät jatkuvat Pohjois-Suomen elinvoimakeskuksessa."},
	{key: "tyollisyysalue", name: "Oulun seudun työllisyysalue", sector: "employment_services", muni: "564", mail: "tyollisyysalue.example.fi",
		description: "Kuntien yhteinen työllisyysalue, joka järjestää alueen julkiset työvoimapalvelut 1.1.2025 alkaen; vastuukuntana Oulu."},
	{key: "elinvoima_ps", name: "Pohjois-Suomen elinvoimakeskus", sector: "state_admin", muni: "564", website: "https://www.elinvoimakeskus.fi", mail: "elinvoima-ps.example.fi",
		description: "Valtion aluehallinto 1.1.2026 alkaen (aiemmin Pohjois-Pohjanmaan ELY-keskus): elinkeinot, osaaminen ja ESR+-rahoitus."},
	{key: "hva_pp", name: "Pohjois-Pohjanmaan hyvinvointialue", sector: "wellbeing_county", muni: "564", website: "https://pohde.fi", mail: "pohde.example.fi",
		description: "Järjestää sosiaali- ja terveyspalvelut vuodesta 2023, myös kuntouttavan työtoiminnan yhdessä kuntien kanssa."},
	{key: "ny", name: "Nuorten Ystävät ry", sector: "third_sector", muni: "564", website: "https://www.nuortenystavat.fi", mail: "nuortenystavat.example.fi",
		description: "MOVE-hankkeen paikallinen kumppani; työtoimintaa ja työllistämispalveluja."},
	{key: "vates", name: "VATES-säätiö", sector: "third_sector", muni: "091", website: "https://www.vates.fi", mail: "vates.example.fi",
		description: "Toteuttaa valtakunnallista MOVE-hanketta työllistämisen monipalvelukeskusten läpivirtaavuuden tukemiseksi."},
	{key: "tyopajayhdistys", name: "Oulun seudun työpajayhdistys ry", sector: "third_sector", muni: "564", mail: "tyopajat.example.fi"},
	{key: "osao", name: "Oulun seudun ammattiopisto", sector: "education", muni: "564", website: "https://www.osao.fi", mail: "osao.example.fi"},
	{key: "oamk", name: "Oulun ammattikorkeakoulu", sector: "education", muni: "564", website: "https://www.oamk.fi", mail: "oamk.example.fi"},
	{key: "eduro", name: "Eduro-säätiö", sector: "education", muni: "564", mail: "eduro.example.fi",
		description: "Järjesti Kohdataan!-seminaarin kuntoutuksen, työllistämisen ja ohjaustyön ammattilaisille."},
	{key: "yrityspalvelu", name: "Oulun seudun yrityspalvelukeskus", sector: "business", muni: "564", mail: "yrityspalvelut.example.fi"},
	{key: "arctic", name: "Arctic Factory", sector: "business", muni: "564", mail: "arcticfactory.example.fi",
		description: "Fasilitointia ja yhteiskehittämistä."},
	{key: "move", name: "MOVE-hanke", sector: "project", muni: "091", mail: "move.example.fi",
		description: "VATES-säätiön valtakunnallinen kehittämishanke työllistämisen monipalvelukeskusten läpivirtaavuuden tukemiseksi."},
	{key: "kaiku", name: "Kaiku – kuntoutusohjaus ja neuvonta työelämään -hanke", sector: "project", muni: "564", mail: "kaiku.example.fi"},
	{key: "kela", name: "Kela, Pohjois-Pohjanmaan vakuutuspiiri", sector: "other", muni: "564", website: "https://www.kela.fi", mail: "kela.example.fi"},

	// North Karelia (KasvuPOK).
	{key: "ely_pk", name: "Pohjois-Karjalan ELY-keskus", sector: "state_admin", muni: "167", website: "https://www.ely-keskus.fi", mail: "ely-pk.example.fi",
		description: "KasvuPOK-hankkeen toteuttaja."},
	{key: "te_pk", name: "Pohjois-Karjalan TE-toimisto", sector: "state_admin", muni: "167", mail: "te-pk.example.fi"},
	{key: "joensuu", name: "Joensuun kaupunki", sector: "municipality", muni: "167", website: "https://www.joensuu.fi", mail: "joensuu.example.fi"},
	{key: "kitee", name: "Kiteen kaupunki", sector: "municipality", muni: "260", mail: "kitee.example.fi"},
	{key: "lieksa", name: "Lieksan kaupunki", sector: "municipality", muni: "422", mail: "lieksa.example.fi"},
	{key: "nurmes", name: "Nurmeksen kaupunki", sector: "municipality", muni: "541", mail: "nurmes.example.fi"},
	{key: "kontiolahti", name: "Kontiolahden kunta", sector: "municipality", muni: "276", mail: "kontiolahti.example.fi"},
	{key: "liperi", name: "Liperin kunta", sector: "municipality", muni: "426", mail: "liperi.example.fi"},
	{key: "outokumpu", name: "Outokummun kaupunki", sector: "municipality", muni: "309", mail: "outokumpu.example.fi"},
	{key: "karelia", name: "Karelia-ammattikorkeakoulu", sector: "education", muni: "167", website: "https://www.karelia.fi", mail: "karelia.example.fi"},
	{key: "riveria", name: "Pohjois-Karjalan koulutuskuntayhtymä Riveria", sector: "education", muni: "167", website: "https://www.riveria.fi", mail: "riveria.example.fi"},
	{key: "business_joensuu", name: "Business Joensuu", sector: "business", muni: "167", mail: "businessjoensuu.example.fi"},
	{key: "sosiaaliturva_pk", name: "Pohjois-Karjalan Sosiaaliturvayhdistys ry", sector: "third_sector", muni: "167", mail: "sosiaaliturva-pk.example.fi"},

	// Rovaniemi (Osaamo).
	{key: "rovaniemi", name: "Rovaniemen kaupunki", sector: "municipality", muni: "698", website: "https://www.rovaniemi.fi", mail: "rovaniemi.example.fi",
		description: "Osaamo – kohtaantoa edistämässä -hankkeen päätoteuttaja."},
	{key: "lapin_yo", name: "Lapin yliopisto", sector: "education", muni: "698", website: "https://www.ulapland.fi", mail: "ulapland.example.fi"},
	{key: "lapin_amk", name: "Lapin ammattikorkeakoulu", sector: "education", muni: "698", website: "https://www.lapinamk.fi", mail: "lapinamk.example.fi"},
	{key: "redu", name: "Rovaniemen koulutuskuntayhtymä REDU", sector: "education", muni: "698", website: "https://www.redu.fi", mail: "redu.example.fi"},
	{key: "te_lappi", name: "Lapin TE-toimisto", sector: "state_admin", muni: "698", mail: "te-lappi.example.fi"},
	{key: "ely_lappi", name: "Lapin ELY-keskus", sector: "state_admin", muni: "698", website: "https://www.ely-keskus.fi", mail: "ely-lappi.example.fi"},
	{key: "wimmaa", name: "Wimmaa", sector: "business", muni: "698", mail: "wimmaa.example.fi",
		description: "Fasilitoi Osaamon yhteiskehittämisen työpajat ja kokosi niistä raportin."},
	{key: "rovaniemen_yrittajat", name: "Rovaniemen Yrittäjät ry", sector: "business", muni: "698", mail: "rovaniemenyrittajat.example.fi"},
}

// seedPeople are invented: none is a person named in the seeds.
var seedPeople = []seedPerson{
	// Oulu project staff.
	{key: "kivela", name: "Marjatta Kivelä", title: "Projektipäällikkö", org: "tyollisyysalue", email: CoordinatorEmail},
	{key: "ronkainen", name: "Pekka Ronkainen", title: "Projektityöntekijä", org: "tyollisyysalue"},
	{key: "rasinkangas", name: "Tiina Rasinkangas", title: "Projektityöntekijä", org: "tyollisyysalue"},
	// Oulu region municipalities.
	{key: "tervo", name: "Heikki Tervo", title: "Työllisyyspalvelujohtaja", org: "tyollisyysalue"},
	{key: "parkkila", name: "Leena Parkkila", title: "Sosiaalityöntekijä", org: "hva_pp"},
	{key: "kinnunen", name: "Jouni Kinnunen", title: "Mielenterveystyön ohjaaja", org: "hva_pp"},
	{key: "hietala", name: "Jarmo Hietala", title: "Työllisyyskoordinaattori", org: "kempele", email: ConvenerEmail},
	{key: "alatalo", name: "Outi Alatalo", title: "Hyvinvointikoordinaattori", org: "kempele"},
	{key: "kyllonen", name: "Raimo Kyllönen", title: "Sosiaalijohtaja", org: "liminka"},
	{key: "jokela", name: "Satu Jokela", title: "Työllisyysohjaaja", org: "liminka"},
	{key: "pikkarainen", name: "Merja Pikkarainen", title: "Vapaa-aikasihteeri", org: "lumijoki"},
	{key: "heikkinen", name: "Kari Heikkinen", title: "Nuorisotyöntekijä", org: "muhos"},
	{key: "ojala", name: "Anne Ojala", title: "Työtoimintakeskuksen vastaava ohjaaja", org: "muhos"},
	{key: "rantala", name: "Jukka Rantala", title: "Työpajan vastaava ohjaaja", org: "tyrnava"},
	{key: "moilanen", name: "Päivi Moilanen", title: "Nuorisotyöntekijä", org: "tyrnava"},
	{key: "karjalainen", name: "Eija Karjalainen", title: "Perusturvajohtaja", org: "hailuoto"},
	{key: "haapala", name: "Timo Haapala", title: "Työllisyyskoordinaattori", org: "ii"},
	{key: "vayrynen", name: "Riikka Väyrynen", title: "Työpajaohjaaja", org: "ii"},
	{key: "honkanen", name: "Markku Honkanen", title: "Henkilöstöpäällikkö", org: "oulu_tekninen"},
	{key: "pitkanen", name: "Johanna Pitkänen", title: "Nuorisotyön suunnittelija", org: "oulu_nuoriso"},
	// Employment services (the TE office until 2024) and the state.
	{key: "niskanen", name: "Anu Niskanen", title: "Työllisyysasiantuntija", org: "tyollisyysalue"},
	{key: "seppanen", name: "Marko Seppänen", title: "Työvalmentaja", org: "tyollisyysalue"},
	{key: "tormanen", name: "Mikko Törmänen", title: "Palvelupäällikkö", org: "tyollisyysalue"},
	{key: "kuusela", name: "Hannele Kuusela", title: "Työllisyysasiantuntija", org: "elinvoima_ps"},
	// Third sector.
	{key: "rautio", name: "Sanna Rautio", title: "Työtoiminnan esimies", org: "ny", email: MemberEmail},
	{key: "kemppainen", name: "Ville Kemppainen", title: "Työvalmentaja", org: "ny"},
	{key: "lindqvist", name: "Kirsi Lindqvist", title: "Kehittämispäällikkö", org: "vates", lang: "sv"},
	{key: "salmela", name: "Arto Salmela", title: "Toiminnanjohtaja", org: "tyopajayhdistys"},
	// Education, business services, other projects, others.
	{key: "heikkila", name: "Pirjo Heikkilä", title: "Opinto-ohjaaja", org: "osao"},
	{key: "makela", name: "Juha Mäkelä", title: "Lehtori", org: "oamk"},
	{key: "hyvonen", name: "Tuula Hyvönen", title: "Palvelupäällikkö", org: "eduro"},
	{key: "koivisto", name: "Antti Koivisto", title: "Yritysneuvoja", org: "yrityspalvelu"},
	{key: "nieminen", name: "Laura Nieminen", title: "Fasilitaattori", org: "arctic"},
	{key: "savolainen", name: "Elina Savolainen", title: "Projektikoordinaattori", org: "move"},
	{key: "halonen", name: "Teemu Halonen", title: "Projektityöntekijä", org: "kaiku"},
	{key: "vesterinen", name: "Helena Vesterinen", title: "Kuntoutusasiantuntija", org: "kela"},

	// KasvuPOK, North Karelia.
	{key: "hirvonen", name: "Katja Hirvonen", title: "Projektipäällikkö", org: "ely_pk"},
	{key: "turunen", name: "Sami Turunen", title: "Projektiasiantuntija", org: "ely_pk"},
	{key: "kokkonen", name: "Minna Kokkonen", title: "Palvelupäällikkö", org: "te_pk"},
	{key: "huttunen", name: "Jari Huttunen", title: "Asiantuntija", org: "te_pk"},
	{key: "pesonen", name: "Hanna Pesonen", title: "Työllisyyspäällikkö", org: "joensuu"},
	{key: "ryynanen", name: "Tapio Ryynänen", title: "Elinvoimajohtaja", org: "lieksa"},
	{key: "hiltunen", name: "Marja Hiltunen", title: "Työllisyyskoordinaattori", org: "kitee"},
	{key: "tanskanen", name: "Esa Tanskanen", title: "Kehittämispäällikkö", org: "nurmes"},
	{key: "hakkarainen", name: "Paula Hakkarainen", title: "Hyvinvointikoordinaattori", org: "kontiolahti"},
	{key: "karkkainen", name: "Harri Kärkkäinen", title: "Työllisyyspalveluiden esimies", org: "outokumpu"},
	{key: "rasanen", name: "Susanna Räsänen", title: "Sosiaaliohjaaja", org: "liperi"},
	{key: "partanen", name: "Tommi Partanen", title: "Lehtori", org: "karelia"},
	{key: "eronen", name: "Kaisa Eronen", title: "Koulutuspäällikkö", org: "riveria"},
	{key: "timonen", name: "Lasse Timonen", title: "Yritysasiantuntija", org: "business_joensuu"},
	{key: "lappalainen", name: "Sirpa Lappalainen", title: "Järjestösuunnittelija", org: "sosiaaliturva_pk"},

	// Osaamo, Rovaniemi.
	{key: "kangas", name: "Ari Kangas", title: "Projektipäällikkö", org: "rovaniemi"},
	{key: "lampela", name: "Noora Lampela", title: "Projektityöntekijä", org: "rovaniemi"},
	{key: "jankala", name: "Mervi Jänkälä", title: "Työllisyyspalvelujen johtaja", org: "rovaniemi"},
	{key: "heikura", name: "Ilkka Heikura", title: "Yliopistonlehtori", org: "lapin_yo"},
	{key: "virtanen", name: "Emma Virtanen", title: "Tutkija", org: "lapin_yo", lang: "en"},
	{key: "kallio", name: "Terhi Kallio", title: "Projektipäällikkö", org: "lapin_amk"},
	{key: "ollila", name: "Jussi Ollila", title: "Koulutuspäällikkö", org: "redu"},
	{key: "autio", name: "Sari Autio", title: "Asiantuntija", org: "te_lappi"},
	{key: "rauhala", name: "Kimmo Rauhala", title: "Ylitarkastaja", org: "ely_lappi"},
	{key: "koskela", name: "Emilia Koskela", title: "Fasilitaattori", org: "wimmaa"},
	{key: "harju", name: "Olli Harju", title: "Toiminnanjohtaja", org: "rovaniemen_yrittajat"},
}

func member(person, role string) seedMember { return seedMember{person: person, role: role} }

// seedProjects are the demo's projects: the current one first (its
// networks are where today's meetings, plans and tasks live), then the
// seeds' projects as history, ended in their own years.
var seedProjects = append([]seedProject{currentProject()}, pastProjects...)

var pastProjects = []seedProject{
	{
		name:   OuluHistoryProject,
		funder: "Euroopan sosiaalirahasto (ESR), Pohjois-Pohjanmaan ELY-keskus",
		starts: date(2008, 3, 1), ends: date(2011, 12, 31),
		description: "Oulun seudun välityömarkkinat – väylä työelämään. Hanke kehittää Oulun seudun välityömarkkinoita " +
			"seudullisissa kehittämisverkostoissa, joihin kunnat, työhallinto, kolmas sektori, oppilaitokset, " +
			"yrityspalvelut ja muut työllisyyshankkeet nimeävät edustajansa. Verkostojen toiminnasta kerrotaan " +
			"uutiskirjeessä neljä kertaa vuodessa.",
		goals: []seedGoal{
			{"Kuntouttavan työtoiminnan seudulliset toimintamallit",
				"Kuntouttavan työtoiminnan järjestäminen ja yhteisten toimintamallien luominen sen toteuttamiseksi seudullisesti; koulutusta ja konsultointia kunnille."},
			{"Yhtenäinen ja vakiintunut työpajatoiminta",
				"Työpajatoiminnan seudullinen yhtenäisyys ja vakiinnuttaminen Oulun seudun kunnissa OPM:n suositukset huomioiden; palveluiden tuotteistaminen ja tilaaja-tuottajamalli."},
			{"Työllistämisen monipalvelukeskuksen toimintamalli",
				"Selvitetään Oulun seudun tarpeita parhaiten vastaava monipalvelukeskuksen toimintamalli sekä toteutus-, organisoitumis- ja rahoitusvaihtoehdot."},
			{"Palkkatuetun työn vaikuttavuus ja jatkotyöllistyminen",
				"Parannetaan palkkatuetun työn vaikuttavuutta ja laatua kunnan ja kolmannen sektorin tukityöllistämisessä; jatkotyöllistymismalli ensin Oulun kaupungissa."},
			{"Hyvien käytäntöjen levittäminen",
				"Kootaan ja levitetään seudun hyviä käytäntöjä kehittämisverkostoissa ja kokeillaan niitä jäsenkunnissa."},
		},
		municipalities: []string{"564", "244", "425", "436", "494", "859", "072", "139"},
		staff:          []seedStaff{{"kivela", "coordinator"}, {"ronkainen", "worker"}, {"rasinkangas", "worker"}},
		orgThen: map[string]string{"niskanen": "te_oulu", "seppanen": "te_oulu", "tormanen": "te_oulu", "tervo": "oulu", "kuusela": "ely_pp",
			"parkkila": "oulu", "kinnunen": "oulu", "kivela": "oulu", "ronkainen": "oulu", "rasinkangas": "oulu"},
		networks: []seedNetwork{
			{
				name:    "Kuntouttavan työtoiminnan kehittämisverkosto",
				purpose: "Kuntouttavan työtoiminnan järjestäminen ja yhteisten toimintamallien luominen sen toteuttamiseksi seudullisesti. Kokeiluilla saadaan kokemuksia toiminnallisista ja taloudellisista vaikutuksista kunnille ja järjestöille sekä vaikutuksista työttömän elämään.",
				cadence: "monthly", status: "archived",
				themes: []string{"Koulutus ja konsultointi kuntouttavan työtoiminnan käynnistämiseen", "Aktivointityö ja ammatillinen kuntoutus",
					"Kokeilut jäsenkunnissa", "Palveluiden yhdistäminen: terveyspalvelut, palveluohjaus ja ryhmätoiminta"},
				start: date(2008, 9, 1), end: date(2011, 12, 31),
				members: []seedMember{
					member("hietala", "convener"),
					member("rasinkangas", "secretary"),
					member("parkkila", "member"),
					member("alatalo", "member"),
					member("jokela", "member"),
					member("pikkarainen", "member"),
					member("ojala", "member"),
					member("moilanen", "member"),
					member("karjalainen", "member"),
					member("haapala", "member"),
					member("niskanen", "member"),
					{person: "seppanen", role: "member", deputyOf: "niskanen"},
					member("kemppainen", "member"),
					member("heikkila", "member"),
					member("halonen", "member"),
					{person: "koivisto", role: "member", end: date(2010, 12, 31)},
					{person: "kinnunen", role: "member", end: date(2010, 6, 30)},
					member("vesterinen", "guest"),
				},
			},
			{
				name:    "Työpajatoiminnan kehittämisverkosto",
				purpose: "Työpajatoiminnan seudullinen yhtenäisyys ja vakiinnuttaminen Oulun seudun kunnissa. Verkosto kiertää seudun työpajoilla tutustumassa niiden toimintamalleihin, ja niistä kootaan raportti hyvien käytäntöjen levittämiseksi.",
				cadence: "monthly", status: "archived",
				themes: []string{"Starttipajatoiminta", "Asiakasarviointi", "Pajarekisteri", "Laatukäsikirja",
					"Oppilaitosyhteistyömalli", "Tuettu oppisopimuskoulutus", "Palveluiden tuotteistaminen ja tilaaja-tuottajamalli"},
				start: date(2008, 9, 1), end: date(2011, 12, 31),
				members: []seedMember{
					member("ronkainen", "convener"),
					member("rasinkangas", "secretary"),
					member("pitkanen", "member"),
					member("alatalo", "member"),
					member("jokela", "member"),
					member("heikkinen", "member"),
					member("rantala", "member"),
					member("vayrynen", "member"),
					member("tormanen", "member"),
					member("kuusela", "member"),
					member("rautio", "member"),
					{person: "kemppainen", role: "member", deputyOf: "rautio"},
					member("salmela", "member"),
					member("hyvonen", "member"),
					member("makela", "member"),
				},
			},
			{
				name:    "Työllistämisen monipalvelukeskusten kehittämisverkosto",
				purpose: "Selvittää Oulun seudun tarpeita parhaiten vastaava työllistämisen monipalvelukeskuksen toimintamalli sekä sille soveltuvat toteutus-, organisoitumis- ja rahoitusvaihtoehdot. Yhteistyössä VATES-säätiön MOVE-hankkeen ja Nuorten Ystävät ry:n kanssa.",
				cadence: "as_needed", status: "archived",
				themes: []string{"Kuntien monipalvelukeskussuunnitelmien kartoitus", "Tutustuminen muualla Suomessa organisoituihin monipalvelukeskuksiin",
					"Läpivirtaavuus (MOVE-hanke)", "Alueelliset koulutuspäivät"},
				start: date(2008, 10, 1), end: date(2011, 12, 31),
				members: []seedMember{
					member("kivela", "convener"),
					member("ronkainen", "secretary"),
					member("tervo", "member"),
					member("kyllonen", "member"),
					{person: "jokela", role: "member", deputyOf: "kyllonen"},
					member("alatalo", "member"),
					member("pikkarainen", "member"),
					member("ojala", "member"),
					{person: "moilanen", role: "member", end: date(2009, 12, 31)},
					member("karjalainen", "member"),
					member("haapala", "member"),
					member("tormanen", "member"),
					member("kuusela", "member"),
					member("rautio", "member"),
					member("lindqvist", "member"),
					member("savolainen", "member"),
					member("heikkila", "member"),
					member("nieminen", "guest"),
				},
			},
			{
				// Piloted first in the City of Oulu: the coverage panel shows
				// the other municipalities and several sectors missing.
				name:    "Palkkatuetun työn kehittämisverkosto",
				purpose: "Palkkatuetun työn vaikuttavuuden ja laadun parantaminen kunnan ja kolmannen sektorin tukityöllistämisessä. Jatkotyöllistymistä tukevaa kehityskeskustelumallia pilotoidaan ensin Oulun kaupungin hallintokunnissa ja liikelaitoksissa.",
				cadence: "as_needed", status: "archived",
				themes: []string{"Tilapäisen ja avustavan työvoiman tarpeiden kartoitus", "Ohjaus- ja tukikäytännöt",
					"Jatkotyöllistymistä tukeva kehityskeskustelumalli"},
				start: date(2009, 1, 15), end: date(2011, 12, 31),
				members: []seedMember{
					member("ronkainen", "convener"),
					member("rasinkangas", "secretary"),
					member("tervo", "member"),
					member("parkkila", "member"),
					member("honkanen", "member"),
					member("pitkanen", "member"),
					member("niskanen", "member"),
					member("kemppainen", "member"),
					member("salmela", "member"),
					member("alatalo", "member"),
				},
			},
		},
	},
	{
		name:   "KasvuPOK",
		funder: "Euroopan sosiaalirahasto (ESR), Pohjois-Karjalan ELY-keskus",
		starts: date(2019, 6, 1), ends: date(2022, 5, 31),
		description: "Pohjois-Karjalan ELY-keskuksen hanke, joka tuki maakunnan työllisyystoimijoiden verkostotyötä ja yhteisen " +
			"tilannekuvan rakentamista. Tuotoksina verkostotyön käsikirja ja työmarkkinoiden tilannekuva.",
		goals: []seedGoal{
			{"TE-palvelujen ja työllisyyspalvelujen rakenteen kehittäminen", ""},
			{"Palvelujen vaikuttavuuden parantaminen", ""},
			{"Työllisyystoimijoiden osaamisen vahvistaminen", "Pidempikestoiset valmennuskokonaisuudet TE-toimiston tiimeille ja verkostovalmennus maakunnan työllisyystoimijoille."},
			{"Yhteinen tilannekuva maakunnan työmarkkinoista", "Alueelliset työpajat ja työvoimatarve-ennusteet yhteisen kehittämisen ja koulutuksen suuntaamisen pohjaksi."},
		},
		municipalities: []string{"167", "260", "422", "541", "276", "426", "309", "146", "176", "607", "848", "707", "090"},
		staff:          []seedStaff{{"hirvonen", "coordinator"}, {"turunen", "worker"}},
		orgThen:        map[string]string{},
		networks: []seedNetwork{
			{
				name:    "Työllisyystoimijoiden verkostojen verkosto",
				purpose: "Maakunnan työllisyystoimijoiden verkostojen yhteinen foorumi, joka syntyi verkostovalmennuksesta ja jatkojalostaa sen oppeja.",
				cadence: "as_needed", status: "archived",
				themes: []string{"Vaikuttava, luottamukseen perustuva verkostotyö", "Verkostotyön käsikirja", "Kohtaamisten fasilitointi"},
				start:  date(2021, 3, 1), end: date(2022, 5, 31),
				members: []seedMember{
					member("hirvonen", "convener"),
					member("turunen", "secretary"),
					member("kokkonen", "member"),
					member("pesonen", "member"),
					member("ryynanen", "member"),
					member("hiltunen", "member"),
					member("tanskanen", "member"),
					member("hakkarainen", "member"),
					member("karkkainen", "member"),
					member("lappalainen", "member"),
					member("eronen", "member"),
					member("timonen", "member"),
				},
			},
			{
				name:    "Työmarkkinoiden tilannekuva",
				purpose: "Maakunnan työmarkkinoiden yhteisen tilannekuvan rakentaminen alueellisissa työpajoissa sekä työvoimatarve-ennusteiden tulkinta yhdessä.",
				cadence: "monthly", status: "archived",
				themes: []string{"Alueelliset työpajat", "Työvoimatarve-ennusteet", "Kohtaanto-ongelma", "Koulutuksen suuntaaminen"},
				start:  date(2019, 10, 1), end: date(2022, 5, 31),
				members: []seedMember{
					member("turunen", "convener"),
					member("huttunen", "member"),
					member("pesonen", "member"),
					member("rasanen", "member"),
					member("partanen", "member"),
					member("eronen", "member"),
					member("timonen", "member"),
				},
			},
		},
	},
	{
		name:   "Osaamo – kohtaantoa edistämässä",
		funder: "Euroopan sosiaalirahasto (ESR), Lapin ELY-keskus",
		starts: date(2020, 9, 1), ends: date(2022, 12, 31),
		description: "Rovaniemen kaupungin hallinnoima hanke hakee ratkaisuja työelämän kohtaantohaasteisiin ja työllisyysasteen " +
			"nostamiseen. Osatoteuttajat: Lapin yliopisto, Lapin ammattikorkeakoulu ja Rovaniemen koulutuskuntayhtymä REDU; " +
			"tiivis kumppanuus Lapin TE-toimiston kanssa.",
		goals: []seedGoal{
			{"Kohtaannon edistäminen", "Työnantajien osaamistarpeet ja työnhakijoiden osaaminen kohtaavat paremmin."},
			{"Ohjaamomainen työllisyyttä edistävä ekosysteemi", ""},
			{"Tulevaisuuden työllisyyspalvelut yhteiskehittämällä", "Työpajat työnantajien, työntekijöiden, oppilaitosten ja yhteistyöverkoston kanssa; ennakkotehtävät sähköisellä alustalla."},
		},
		municipalities: []string{"698"},
		staff:          []seedStaff{{"kangas", "coordinator"}, {"lampela", "worker"}},
		networks: []seedNetwork{
			{
				name:    "Työnantajayhteistyön yhteiskehittämisverkosto",
				purpose: "Yhteiskehittämisen työpajat työnantajien, työntekijöiden ja oppilaitosten kanssa; havainnot, kehittämistarpeet ja kehittämisen mahdollisuudet kootaan raportiksi.",
				cadence: "as_needed", status: "archived",
				themes: []string{"Ennakkotehtävät sähköisellä alustalla", "Tulevaisuuden työllisyyspalvelut asiakasnäkökulmasta", "Työnantajien osaamistarpeet"},
				start:  date(2021, 2, 1), end: date(2022, 12, 31),
				members: []seedMember{
					member("kangas", "convener"),
					member("lampela", "secretary"),
					member("jankala", "member"),
					member("autio", "member"),
					member("harju", "member"),
					member("kallio", "member"),
					member("ollila", "member"),
					member("koskela", "guest"),
				},
			},
			{
				name:    "Ohjaamomainen työllisyysekosysteemi",
				purpose: "Kaupungin, oppilaitosten ja työhallinnon yhteinen verkosto, joka kehittää ohjaamomaista, työllisyyttä edistävää ekosysteemiä.",
				cadence: "monthly", status: "archived",
				themes: []string{"Yhteinen palvelupolku", "Oppilaitosten ja työllisyyspalveluiden yhteistyö", "Tilannekuva Lapin työmarkkinoista"},
				start:  date(2020, 11, 1), end: date(2022, 12, 31),
				members: []seedMember{
					member("jankala", "convener"),
					member("lampela", "secretary"),
					member("heikura", "member"),
					{person: "virtanen", role: "member", deputyOf: "heikura"},
					member("kallio", "member"),
					member("ollila", "member"),
					member("autio", "member"),
					member("rauhala", "member"),
				},
			},
		},
	},
}
