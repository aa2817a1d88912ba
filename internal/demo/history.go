package demo

import (
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
)

// The seeds' ended projects as history: their networks met in their own
// years (Oulu 2008–2011, KasvuPOK 2019–2022, Osaamo 2020–2022), a few
// times a year on the themes the seeds tell of. Every meeting was held:
// members whose terms cover the day answered and attended (a few
// absent, a deputy in their place), the minutes are written per agenda
// item and approved, and the action items given are done or closed.
// Nothing is waiting, so the overview of today is as the current project
// alone makes it, and nothing is mailed: like activity.go this goes
// through the stores, not the services that enqueue mail.

// histItem is an agenda item of a past meeting with what the minutes say
// of it, the decision made under it and the action item given.
type histItem struct {
	title, by, record string
	decide            string
	task              string
	owner             string // "" is by
	closed            bool   // the action item was closed undone
}

// histMeeting is one past meeting; day 0 follows the network's pattern
// (the week-th weekday of the month), an hour of 0 its time.
type histMeeting struct {
	y      int
	m      time.Month
	day    int
	hour   int
	min    int
	length time.Duration
	title  string
	mode   string
	place  string
	items  []histItem
	guests []string // guests who attended
}

// histNetwork is the history of one network of an ended project.
type histNetwork struct {
	network   string
	about     string // the meetings' description
	week      int
	weekday   time.Weekday
	hour, min int
	length    time.Duration
	mode      string
	place     string
	link      string
	meetings  []histMeeting
}

const (
	kuntouttavaThen = "Kuntouttavan työtoiminnan kehittämisverkosto"
	tyopajatThen    = "Työpajatoiminnan kehittämisverkosto"
	monipalveluThen = "Työllistämisen monipalvelukeskusten kehittämisverkosto"
	palkkatukiThen  = "Palkkatuetun työn kehittämisverkosto"
	projektiparkki2 = "Projektiparkki, Hallituskatu 29 B, 4. krs, Oulu"
	elyJoensuu      = "Pohjois-Karjalan ELY-keskus, Kauppakatu 40–42, Joensuu"
	rovaniemiTalo   = "Rovaniemen kaupungintalo, Hallituskatu 7, Rovaniemi"
)

var histNetworks = []histNetwork{
	{
		network: kuntouttavaThen, about: "Kehittämisverkoston kuukausikokous. Projektityöntekijä valmistelee asiat ja toimii sihteerinä.",
		week: 2, weekday: time.Tuesday, hour: 9, length: 2 * time.Hour, mode: meeting.ModeInPerson, place: projektiparkki2,
		meetings: []histMeeting{
			{y: 2008, m: time.September, title: "Kehittämisverkoston aloituskokous", items: []histItem{
				{title: "Verkoston tehtävä ja jäsenten esittäytyminen", by: "hietala",
					record: "Jäsenet esittäytyivät ja kertoivat kuntouttavan työtoiminnan tilanteesta omassa kunnassaan ja organisaatiossaan. Verkoston tehtäväksi sovittiin yhteisten toimintamallien luominen kuntouttavan työtoiminnan seudulliseen toteuttamiseen.",
					decide: "Verkosto kokoontuu kuukausittain tiistaiaamuisin Projektiparkissa."},
				{title: "Toimintasuunnitelman valmistelu vuodelle 2009", by: "rasinkangas",
					record: "Keskusteltiin suunnitelman painopisteistä: koulutus ja konsultointi kunnille sekä kokeilut jäsenkunnissa.",
					task:   "Kootaan jäsenkuntien koulutus- ja konsultointitarpeet", owner: "rasinkangas"},
			}},
			{y: 2008, m: time.November, items: []histItem{
				{title: "Toimintasuunnitelma 2009", by: "rasinkangas",
					record: "Tiina Rasinkangas esitteli suunnitelman luonnoksen. Koulutustarpeiden kartoituksessa nousivat esiin aktivointisuunnitelmat ja yhteistyö työhallinnon kanssa.",
					decide: "Toimintasuunnitelma 2009 hyväksyttiin esitetyssä muodossa."},
				{title: "Kuntouttavan työtoiminnan tilanne jäsenkunnissa", by: "hietala",
					record: "Pienissä kunnissa asiakkaita on vähän ja ryhmien kokoaminen vaikeaa; naapurikuntien yhteiset ryhmät nähtiin mahdollisuutena."},
			}},
			{y: 2009, m: time.February, items: []histItem{
				{title: "Koulutus ja konsultointi kunnille", by: "rasinkangas",
					record: "Projektityöntekijä on kuntien käytettävissä konsultaatioon ja tiedottamiseen. Ensimmäiset konsultaatiot sovittiin Limingan ja Lumijoen kanssa."},
				{title: "Koulutuspäivä 19.5.2009: ohjelman suunnittelu", by: "niskanen",
					record: "Koulutuspäivän tarkoituksena on vahvistaa kuntien työntekijöiden roolia aktivointityössä ja kehittää yhteistyötä työhallinnon kanssa.",
					decide: "Ohjelmatyöryhmään nimettiin Anu Niskanen, Outi Alatalo ja Tiina Rasinkangas.",
					task:   "Kysytään Kelalta alustajaa ammatillisesta kuntoutuksesta", owner: "niskanen"},
			}},
			{y: 2009, m: time.April, title: "Vierailu: Muhoksen työtoimintakeskus", place: "Muhoksen työtoimintakeskus, Muhos", items: []histItem{
				{title: "Muhoksen ryhmätoimintamalli", by: "ojala",
					record: "Anne Ojala esitteli mallin, jossa terveydenhoitaja käy ryhmässä viikoittain. Asiakkaiden mukaan säännöllinen päivärytmi ja ryhmä ovat tärkeimmät asiat.",
					decide: "Muhoksen ryhmätoimintamalli kirjataan seudun hyväksi käytännöksi.",
					task:   "Kuvataan ryhmätoimintamalli uutiskirjettä varten", owner: "ojala"},
			}},
			{y: 2009, m: time.May, day: 19, hour: 9, length: 6 * time.Hour, title: "Koulutuspäivä: aktivointityö ja ammatillinen kuntoutus",
				place: "Oulun kaupungintalo, Kirkkokatu 2 A, Oulu", guests: []string{"vesterinen"}, items: []histItem{
					{title: "Aktivointityö kunnissa ja yhteistyö työhallinnon kanssa", by: "niskanen",
						record: "Anu Niskanen kävi läpi aktivointisuunnitelman laatimisen ja vastuut. Ryhmätöissä koottiin yhteistyön pullonkauloja ja ratkaisuja."},
					{title: "Ammatillinen kuntoutus kuntouttavan työtoiminnan jatkopolkuna", by: "vesterinen",
						record: "Helena Vesterinen esitteli Kelan ammatillisen kuntoutuksen. Jatkopolku jää usein käyttämättä, koska sitä ei oteta puheeksi ajoissa."},
				}},
			{y: 2009, m: time.September, items: []histItem{
				{title: "Koulutuspäivän palaute", by: "rasinkangas",
					record: "Palautteen mukaan parasta oli verkostoituminen ja kuntien esimerkit. Toivottiin jatkoa syksyllä 2010."},
				{title: "Kokeilut jäsenkunnissa", by: "alatalo",
					record: "Kempele ja Liminka ilmoittautuivat kokeilemaan palveluohjauksen yhdistämistä kuntouttavaan työtoimintaan.",
					decide: "Kokeilu käynnistetään Kempeleessä ja Limingassa 1.11.2009.",
					task:   "Laaditaan kokeilun suunnitelma ja mittarit", owner: "rasinkangas"},
			}},
			{y: 2009, m: time.November, items: []histItem{
				{title: "Palveluohjaus ja terveyspalvelut kuntouttavaan työtoimintaan", by: "parkkila",
					record: "Leena Parkkila kertoi sosiaalityön näkökulmasta, miten terveystarkastus ja palveluohjaus tukevat asiakkaan polkua."},
				{title: "Toimintasuunnitelma 2010", by: "hietala",
					record: "Painopisteinä kokeilun toteutus ja arviointi sekä mielenterveyskuntoutujien työtoiminta.",
					decide: "Toimintasuunnitelma 2010 hyväksyttiin."},
			}},
			{y: 2010, m: time.February, items: []histItem{
				{title: "Kokeilun väliarvio", by: "alatalo",
					record: "Kokeiluun on osallistunut 17 asiakasta. Palveluohjaajan läsnäolo on madaltanut kynnystä hakeutua terveyspalveluihin."},
				{title: "Mielenterveyskuntoutujat kuntouttavassa työtoiminnassa", by: "kinnunen",
					record: "Jouni Kinnunen kertoi Oulun mielenterveystyön ryhmistä ja toivoi joustavia aloituksia ja lyhyitä päiviä.",
					task:   "Kootaan mielenterveyskuntoutujien ryhmien yhteystiedot jäsenille", owner: "kinnunen"},
			}},
			{y: 2010, m: time.April, title: "Vierailu: Iin työtoiminta", place: "Iin kunnan työtoimintakeskus, Ii", items: []histItem{
				{title: "Iin yksilölliset työtoimintapolut", by: "haapala",
					record: "Timo Haapala esitteli, miten asiakkaan työtoimintapolku suunnitellaan yhdessä paikallisten yritysten kanssa.",
					decide: "Iin toimintapolkumalli esitellään hankkeen uutiskirjeessä."},
			}},
			{y: 2010, m: time.September, items: []histItem{
				{title: "Kokeilun tulokset: vaikutukset kunnille, järjestöille ja asiakkaille", by: "rasinkangas",
					record: "Kokeilu osoitti, että palveluiden yhdistäminen lyhentää asiakkaiden odotusaikoja. Kustannukset pysyivät kunnissa ennallaan.",
					decide: "Palveluohjaus esitetään pysyväksi osaksi kokeilukuntien kuntouttavaa työtoimintaa.",
					task:   "Laaditaan kokeilun loppuraportti", owner: "rasinkangas"},
				{title: "Yritysyhteistyö työtoiminnan jatkopolkuna", by: "koivisto",
					record: "Antti Koivisto kertoi yrityspalvelukeskuksen mahdollisuuksista löytää työkokeilupaikkoja."},
			}},
			{y: 2010, m: time.November, items: []histItem{
				{title: "Kaiku-hanke: kuntoutusohjaus ja neuvonta", by: "halonen",
					record: "Teemu Halonen esitteli hankkeen kuntoutusohjauksen. Sovittiin, että verkoston jäsenet voivat ohjata asiakkaita hankkeeseen."},
				{title: "Toimintasuunnitelma 2011", by: "hietala",
					record: "Viimeisenä hankevuonna kootaan seudullinen toimintamalli ja levitetään hyviä käytäntöjä.",
					decide: "Toimintasuunnitelma 2011 hyväksyttiin."},
			}},
			{y: 2011, m: time.March, items: []histItem{
				{title: "Seudullisen toimintamallin luonnos", by: "rasinkangas",
					record: "Luonnos kokoaa kokeilun, Muhoksen ryhmätoiminnan ja Iin työtoimintapolut. Jäsenet kommentoivat luonnosta omien organisaatioidensa näkökulmasta.",
					task:   "Kommentoidaan toimintamallin luonnos kunnittain", owner: "jokela"},
				{title: "Pienten kuntien yhteiset ryhmät", by: "pikkarainen",
					record: "Lumijoki ja Liminka kokeilevat yhteistä ryhmää syksystä alkaen; kuljetukset järjestetään yhdessä.",
					task:   "Selvitetään yhteisen ryhmän kuljetuskustannukset", owner: "pikkarainen", closed: true},
			}},
			{y: 2011, m: time.September, items: []histItem{
				{title: "Seudullisen toimintamallin hyväksyminen", by: "hietala",
					record: "Kommentit on otettu huomioon. Malli viedään jäsenkuntien perusturvan johdolle.",
					decide: "Kuntouttavan työtoiminnan seudullinen toimintamalli hyväksyttiin."},
			}},
			{y: 2011, m: time.November, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Hankkeen loppuraportti ja verkoston työn jatko", by: "rasinkangas",
					record: "Jäsenten palautteen mukaan verkosto on toiminut keskustelu- ja oppimisfoorumina. Jäsenkunnat jatkavat yhteistyötä perusturvan johtoryhmässä.",
					decide: "Verkoston aineistot luovutetaan jäsenkunnille hankkeen päättyessä."},
			}},
		},
	},
	{
		network: tyopajatThen, about: "Verkosto kiertää seudun työpajoilla tutustumassa niiden toimintamalleihin.",
		week: 3, weekday: time.Thursday, hour: 13, length: 2 * time.Hour, mode: meeting.ModeInPerson, place: projektiparkki2,
		meetings: []histMeeting{
			{y: 2008, m: time.October, title: "Kehittämisverkoston aloituskokous", items: []histItem{
				{title: "Seudullinen perustaso ja OPM:n suositukset", by: "kuusela",
					record: "Hannele Kuusela kävi läpi ministeriön suositukset. Yhtenäisyys tarkoittaa perustasoa, jonka kriteerit kaikki seudun työpajat täyttävät."},
				{title: "Vierailusuunnitelma keväälle 2009", by: "ronkainen",
					record: "Verkosto kiertää seudun työpajoilla; kukin paja esittelee yhden toimintamallinsa.",
					decide: "Kevään vierailut: Tyrnävä, Nuorten Ystävät, työpajayhdistys ja Ii."},
			}},
			{y: 2009, m: time.February, title: "Työpajavierailu: Tyrnävän työpaja", place: "Tyrnävän työpaja, Tyrnävä", items: []histItem{
				{title: "Starttipajatoiminta", by: "rantala",
					record: "Nuori aloittaa lyhyillä päivillä ennen varsinaista pajajaksoa. Noin kaksi kolmesta jatkaa pajalle tai koulutukseen.",
					decide: "Starttipaja kirjataan hyvien käytäntöjen raporttiin.",
					task:   "Kuvataan starttipajan asiakasprosessi", owner: "rantala"},
			}},
			{y: 2009, m: time.March, title: "Työpajavierailu: Nuorten Ystävät ry", place: "Nuorten Ystävät ry, Oulu", items: []histItem{
				{title: "Asiakasarviointi", by: "rautio",
					record: "Arvio tehdään asiakkaan kanssa jakson alussa, puolivälissä ja lopussa; se kattaa työtaidot, sosiaaliset taidot ja arjenhallinnan.",
					task:   "Jaetaan arviointilomake jäsenille", owner: "rautio"},
			}},
			{y: 2009, m: time.April, title: "Työpajavierailu: Oulun seudun työpajayhdistys", place: "Oulun seudun työpajayhdistys ry, Oulu", items: []histItem{
				{title: "Pajarekisteri", by: "salmela",
					record: "Arto Salmela esitteli pajarekisterin. Yhteinen tilastointi helpottaisi raportointia ja rahoitushakemuksia.",
					decide: "Pajarekisterin seudullista käyttöä selvitetään."},
			}},
			{y: 2009, m: time.May, day: 14, title: "Työpajavierailu: Iin työpaja", place: "Iin työpaja, Ii", items: []histItem{
				{title: "Laatukäsikirja", by: "vayrynen",
					record: "Iin laatukäsikirjaan on kuvattu prosessit asiakkaan vastaanotosta jatkosuunnitelmaan.",
					task:   "Lähetetään laatukäsikirja jäsenille tutustuttavaksi", owner: "vayrynen"},
			}},
			{y: 2009, m: time.October, title: "Oppilaitosyhteistyö", place: "Eduro-säätiö, Oulu", items: []histItem{
				{title: "Oppilaitosyhteistyömalli", by: "hyvonen",
					record: "Pajajakso ja opinnot yhdistetään, ja pajalla opittu tunnustetaan tutkinnon osiksi."},
				{title: "Tuettu oppisopimuskoulutus", by: "makela",
					record: "Pajajakso voi jatkua tuettuna oppisopimuksena, kun paja, oppilaitos ja työnantaja sopivat ohjauksesta.",
					decide: "Oppilaitosyhteistyömalli ja tuettu oppisopimus kirjataan raporttiin."},
			}},
			{y: 2009, m: time.December, items: []histItem{
				{title: "Hyvien käytäntöjen raportti", by: "ronkainen",
					record: "Raporttiin on koottu starttipaja, asiakasarviointi, pajarekisteri, laatukäsikirja ja oppilaitosyhteistyö yhteisellä rakenteella.",
					decide: "Raportti julkaistaan hankkeen uutiskirjeen liitteenä.",
					task:   "Viimeistellään raportti julkaistavaksi", owner: "ronkainen"},
			}},
			{y: 2010, m: time.March, items: []histItem{
				{title: "Seudullisen perustason kriteerit", by: "kuusela",
					record: "Kriteereiksi ehdotettiin ohjaajamitoitusta, yksilöllistä suunnitelmaa, arviointia ja jatko-ohjausta.",
					task:   "Kootaan kriteerien luonnos kommentoitavaksi", owner: "kuusela"},
			}},
			{y: 2010, m: time.May, title: "Työpajavierailu: Muhoksen nuorten työpaja", place: "Muhoksen nuorisotalo, Muhos", items: []histItem{
				{title: "Nuorten työpaja ja etsivä nuorisotyö", by: "heikkinen",
					record: "Kari Heikkinen kertoi, miten etsivä nuorisotyö ohjaa nuoria pajalle ja kulkee alussa mukana."},
			}},
			{y: 2010, m: time.September, items: []histItem{
				{title: "Palveluiden tuotteistaminen", by: "salmela",
					record: "Palvelukuvauspohjassa ovat sisältö, kohderyhmä, kesto, hinta ja tulokset.",
					decide: "Pohja otetaan koekäyttöön kolmessa työpajassa.",
					task:   "Laaditaan kolme palvelukuvausta pohjan mukaan", owner: "salmela"},
			}},
			{y: 2010, m: time.November, items: []histItem{
				{title: "Tilaaja–tuottajamallin aukikirjoittaminen", by: "pitkanen",
					record: "Johanna Pitkänen kertoi Oulun kokemuksista palvelujen ostamisesta järjestöiltä. Malli kirjoitetaan auki esimerkkien avulla."},
			}},
			{y: 2011, m: time.March, items: []histItem{
				{title: "Perustason kriteerit ja laatukäsikirjan seudullinen pohja", by: "vayrynen",
					record: "Kriteerit ja laatukäsikirjan pohja yhdistettiin yhdeksi asiakirjaksi, jota kukin paja täydentää.",
					decide: "Seudullinen perustaso ja laatukäsikirjan pohja hyväksyttiin."},
			}},
			{y: 2011, m: time.October, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Verkoston työn tulokset ja jatko", by: "ronkainen",
					record: "Verkosto kävi läpi raportin, perustason ja tuotteistuksen. Työpajat jatkavat tapaamisia työpajayhdistyksen kutsumina.",
					decide: "Verkoston aineistot siirretään Oulun seudun työpajayhdistykselle."},
			}},
		},
	},
	{
		network: monipalveluThen, about: "Kehittämisverkosto kokoontuu tarpeen mukaan.",
		week: 1, weekday: time.Wednesday, hour: 12, min: 30, length: 2 * time.Hour, mode: meeting.ModeInPerson, place: projektiparkki2,
		meetings: []histMeeting{
			{y: 2008, m: time.October, title: "Kehittämisverkoston aloituskokous", items: []histItem{
				{title: "Kuntien monipalvelukeskussuunnitelmien kartoitus", by: "ronkainen",
					record: "Kartoitus tehdään syksyn 2008 ja kevään 2009 aikana haastattelemalla kuntien työllisyyspalvelujen esimiehiä.",
					task:   "Haastatellaan jäsenkuntien työllisyyspalvelujen esimiehet", owner: "ronkainen"},
			}},
			{y: 2008, m: time.December, items: []histItem{
				{title: "MOVE-hanke ja läpivirtaavuus", by: "savolainen",
					record: "Elina Savolainen esitteli VATES-säätiön MOVE-hankkeen. Nuorten Ystävät ry toimii hankkeen paikallisena kumppanina.",
					decide: "Verkosto osallistuu MOVE-hankkeen alueellisiin koulutuspäiviin."},
			}},
			{y: 2009, m: time.March, items: []histItem{
				{title: "Monipalvelukeskukset muualla Suomessa", by: "lindqvist",
					record: "Kirsi Lindqvist kertoi eri tavoin organisoiduista keskuksista: kunnan liikelaitos, säätiö ja yhdistys.",
					task:   "Kootaan mallien vertailu raporttia varten", owner: "lindqvist"},
			}},
			{y: 2009, m: time.May, items: []histItem{
				{title: "Raportti monipalvelukeskusmalleista", by: "kivela",
					record: "Raportti kokoaa kuntien suunnitelmat ja muiden alueiden mallit jatkotyöskentelyn pohjaksi.",
					decide: "Raportti hyväksyttiin jatkotyön pohjaksi."},
			}},
			{y: 2009, m: time.October, items: []histItem{
				{title: "Alueelliset koulutuspäivät Nuorten Ystävien kanssa", by: "rautio",
					record: "Koulutuspäivät ovat maksuttomia kuntien ja Nuorten Ystävien työtoimintojen työntekijöille ja esimiehille.",
					task:   "Tiedotetaan koulutuspäivistä sidosryhmille", owner: "rautio"},
			}},
			{y: 2010, m: time.March, items: []histItem{
				{title: "Toteutus-, organisoitumis- ja rahoitusvaihtoehdot", by: "tervo",
					record: "Vaihtoehdoiksi rajattiin kuntien yhteinen keskus ja kumppanuusmalli järjestöjen kanssa."},
			}},
			{y: 2010, m: time.October, items: []histItem{
				{title: "Asiakasryhmät ja palvelut", by: "ojala",
					record: "Asiakkaita ovat mielenterveyskuntoutujat, kehitysvammaiset, pitkäaikaistyöttömät ja nuoret; palvelut räätälöidään yksilöllisesti.",
					decide: "Jatkotyö etenee kumppanuusmallin pohjalta."},
			}},
			{y: 2011, m: time.March, title: "Toimintamallin yhteiskehittäminen", guests: []string{"nieminen"}, items: []histItem{
				{title: "Toimintamallin työpaja", by: "nieminen",
					record: "Laura Nieminen fasilitoi työpajan, jossa kuvattiin asiakkaan polku keskuksen läpi avoimille työmarkkinoille.",
					task:   "Puhtaaksikirjoitetaan työpajan tulokset", owner: "ronkainen"},
			}},
			{y: 2011, m: time.October, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Monipalvelukeskuksen toimintamalli: loppuraportti", by: "kivela",
					record: "Loppuraportti kuvaa kumppanuusmallin, sen rahoitusvaihtoehdot ja läpivirtaavuuden mittarit.",
					decide: "Loppuraportti hyväksyttiin ja toimitetaan jäsenkuntien päättäjille."},
			}},
		},
	},
	{
		network: palkkatukiThen, about: "Kehittämisverkosto kokoontuu tarpeen mukaan; kehityskeskustelumallia pilotoidaan ensin Oulun kaupungissa.",
		week: 4, weekday: time.Monday, hour: 13, length: 2 * time.Hour, mode: meeting.ModeInPerson, place: projektiparkki2,
		meetings: []histMeeting{
			{y: 2009, m: time.January, title: "Toimintasuunnitelman ideointi", items: []histItem{
				{title: "Palkkatuetun työn kehittäminen Oulun kaupungissa", by: "ronkainen",
					record: "Kehittäminen alkaa Oulun kaupungissa; jatkotyöllistymismallia levitetään myöhemmin muihin kuntiin ja kolmannelle sektorille.",
					decide: "Työ käynnistyy tilapäisen ja avustavan työvoiman tarpeiden kartoituksella."},
			}},
			{y: 2009, m: time.March, items: []histItem{
				{title: "Tilapäisen ja avustavan työvoiman tarpeet", by: "honkanen",
					record: "Markku Honkanen kertoi Teknisen liikelaitoksen kausitöistä, joihin palkkatuettu työ sopisi hyvin.",
					task:   "Kartoitetaan hallintokuntien työvoimatarpeet", owner: "honkanen"},
			}},
			{y: 2009, m: time.September, items: []histItem{
				{title: "Ohjaus- ja tukikäytännöt", by: "kemppainen",
					record: "Ville Kemppainen kertoi työvalmennuksesta palkkatuetussa työssä; ohjauksen tarve on suurin jakson alussa."},
			}},
			{y: 2010, m: time.January, items: []histItem{
				{title: "Kehityskeskustelumallin pilotointi", by: "pitkanen",
					record: "Pilottiin osallistuvat Tekninen liikelaitos ja Nuorisoasiainkeskus. Kehityskeskustelu käydään jakson alussa, puolivälissä ja lopussa.",
					decide: "Pilotointi alkaa 1.3.2010.",
					task:   "Laaditaan kehityskeskustelun lomake", owner: "rasinkangas"},
			}},
			{y: 2010, m: time.September, items: []histItem{
				{title: "Pilotoinnin kokemukset", by: "honkanen",
					record: "Keskustelut ovat selkeyttäneet tavoitteita; neljä pilottiin osallistunutta on työllistynyt avoimille työmarkkinoille."},
			}},
			{y: 2011, m: time.February, items: []histItem{
				{title: "Jatkotyöllistymismalli kolmannelle sektorille", by: "salmela",
					record: "Järjestöt voivat käyttää mallia sellaisenaan; lomakkeesta tehdään kevyempi versio pienille yhdistyksille.",
					task:   "Muokataan lomakkeesta järjestöversio", owner: "salmela", closed: true},
			}},
			{y: 2011, m: time.September, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Kehityskeskustelumalli kaikkiin hallintokuntiin", by: "tervo",
					record: "Malli otetaan käyttöön kaikissa Oulun kaupungin hallintokunnissa ja liikelaitoksissa vuoden 2012 alusta.",
					decide: "Verkosto suosittaa mallia myös muille seudun kunnille."},
			}},
		},
	},
	{
		network: "Työmarkkinoiden tilannekuva", about: "Maakunnan työmarkkinoiden yhteisen tilannekuvan rakentaminen.",
		week: 2, weekday: time.Wednesday, hour: 9, length: 2 * time.Hour, mode: meeting.ModeInPerson, place: elyJoensuu,
		link: "https://meet.kohtaamo.example/kasvupok-tilannekuva",
		meetings: []histMeeting{
			{y: 2019, m: time.October, title: "Tilannekuvatyön käynnistys", items: []histItem{
				{title: "TE-toimiston asiantuntijoiden odotukset", by: "huttunen",
					record: "Asiantuntijat toivoivat tukea toimijoiden yhteistyölle, käytännönläheistä valmennusta ja yhteistä tilannekuvaa."},
				{title: "Alueelliset työpajat", by: "turunen",
					record: "Tilannekuvaa rakennetaan neljässä alueellisessa työpajassa maakunnan seuduilla.",
					decide: "Ensimmäinen työpaja pidetään Joensuun seudulla helmikuussa 2020.",
					task:   "Sovitaan työpajojen paikat ja ajat seutujen kanssa", owner: "turunen"},
			}},
			{y: 2020, m: time.February, items: []histItem{
				{title: "Työvoimatarve-ennusteet", by: "partanen",
					record: "Ennusteiden mukaan hoiva-, rakennus- ja teknologia-aloilla tarvitaan lisää työvoimaa, vaikka työttömyys on korkea.",
					task:   "Kootaan ennusteista tiivistelmä työpajoihin", owner: "partanen"},
			}},
			{y: 2020, m: time.May, mode: meeting.ModeRemote, title: "Korona ja työllisyystilanne", items: []histItem{
				{title: "Koronan vaikutukset maakunnan työmarkkinoihin", by: "huttunen",
					record: "Lomautukset ovat moninkertaistuneet maaliskuusta. Alueelliset työpajat siirretään syksyyn ja pidetään verkossa.",
					decide: "Verkosto kokoontuu etänä, kunnes kokoontumisrajoitukset puretaan."},
			}},
			{y: 2020, m: time.September, mode: meeting.ModeRemote, items: []histItem{
				{title: "Kohtaanto-ongelma", by: "pesonen",
					record: "Työpaikkoja on auki, mutta hakijoiden osaaminen ja sijainti eivät kohtaa. Joensuussa kokeillaan rekrytointikoulutuksia.",
					task:   "Kootaan seutujen esimerkit kohtaannon ratkaisuista", owner: "pesonen"},
			}},
			{y: 2020, m: time.November, mode: meeting.ModeRemote, items: []histItem{
				{title: "Koulutuksen suuntaaminen", by: "eronen",
					record: "Riveria lisää lyhyitä täydennyskoulutuksia aloille, joilla työvoimapula on suurin.",
					decide: "Koulutuksen suuntaaminen otetaan tilannekuvaselvityksen omaksi luvuksi."},
			}},
			{y: 2021, m: time.March, mode: meeting.ModeRemote, items: []histItem{
				{title: "Tilannekuvaselvityksen luonnos", by: "turunen",
					record: "Luonnos kokoaa neljän työpajan havainnot ja työvoimatarve-ennusteet. Jäsenet kommentoivat seutukohtaisia lukuja.",
					task:   "Kommentoidaan selvityksen luonnos", owner: "rasanen"},
			}},
			{y: 2021, m: time.May, mode: meeting.ModeRemote, items: []histItem{
				{title: "Työllisyyden kuntakokeilu", by: "pesonen",
					record: "Hanna Pesonen kertoi Joensuun kuntakokeilun ensimmäisistä kuukausista ja kuntien vahvistuneesta roolista."},
			}},
			{y: 2021, m: time.October, mode: meeting.ModeHybrid, items: []histItem{
				{title: "Tilannekuvaselvityksen julkaisu", by: "turunen",
					record: "Selvitys työmarkkinoiden nykytilasta ja tulevaisuudesta on julkaistu ELY-keskuksen sivuilla.",
					decide: "Selvitys esitellään seutujen työllisyysryhmissä syksyn aikana."},
			}},
			{y: 2022, m: time.February, mode: meeting.ModeHybrid, items: []histItem{
				{title: "Yritysten työvoimatarpeet", by: "timonen",
					record: "Lasse Timonen kertoi yrityskyselystä: osaavan työvoiman saatavuus on yritysten suurin huoli.",
					task:   "Lisätään kyselyn tulokset tilannekuvan päivitykseen", owner: "turunen"},
			}},
			{y: 2022, m: time.May, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Tilannekuvatyön jatko hankkeen jälkeen", by: "turunen",
					record: "Tilannekuvaa päivitetään jatkossa ELY-keskuksen ja kuntien yhteistyönä.",
					decide: "Verkoston aineistot siirretään ELY-keskuksen sivuille."},
			}},
		},
	},
	{
		network: "Työllisyystoimijoiden verkostojen verkosto", about: "Maakunnan työllisyystoimijoiden verkostojen yhteinen foorumi.",
		week: 4, weekday: time.Thursday, hour: 13, length: 2 * time.Hour, mode: meeting.ModeRemote, place: elyJoensuu,
		link: "https://meet.kohtaamo.example/verkostojen-verkosto",
		meetings: []histMeeting{
			{y: 2021, m: time.March, title: "Foorumin käynnistys", items: []histItem{
				{title: "Verkostovalmennuksen opit", by: "hirvonen",
					record: "Foorumi syntyi valmennuksen osallistujien aloitteesta. Sovittiin, että se jatkojalostaa valmennuksen oppeja ja työkaluja.",
					task:   "Kootaan valmennuksen työkalut yhteiseen kansioon", owner: "turunen"},
			}},
			{y: 2021, m: time.June, day: 10, items: []histItem{
				{title: "Verkostotyön käsikirja", by: "turunen",
					record: "Käsikirjan luonnos kuvaa verkoston perustamisen, roolit ja kohtaamisten suunnittelun.",
					decide: "Käsikirja viimeistellään syksyllä jäsenten kokemusten pohjalta."},
			}},
			{y: 2021, m: time.September, mode: meeting.ModeHybrid, items: []histItem{
				{title: "Luottamukseen perustuva verkostotyö", by: "lappalainen",
					record: "Sirpa Lappalainen kertoi järjestöjen verkostosta: luottamus syntyy, kun jokainen saa jotain ja tuo jotain.",
					task:   "Kuvataan esimerkki käsikirjaan", owner: "lappalainen"},
			}},
			{y: 2021, m: time.November, mode: meeting.ModeHybrid, items: []histItem{
				{title: "Kohtaamisten fasilitointi", by: "hakkarainen",
					record: "Kokeiltiin yhteistyöalustaa ja pienryhmiä. Etäkokouksiin toivottiin selkeää rakennetta ja aikaa kuulumisille."},
			}},
			{y: 2022, m: time.April, day: 6, hour: 11, length: 4*time.Hour + 45*time.Minute, mode: meeting.ModeInPerson,
				title: "Työllisyysseminaari: Kohtaamisia, yhteistyötä ja avoimia kysymyksiä", place: "Joensuun tiedepuisto, Länsikatu 15, Joensuu",
				items: []histItem{
					{title: "Hankkeen tulokset: käsikirja ja tilannekuva", by: "hirvonen",
						record: "Katja Hirvonen esitteli käsikirjan ja tilannekuvan. Käsikirjaa on käytetty useassa alueen verkostossa."},
					{title: "Foorumin jatko hankkeen jälkeen", by: "kokkonen",
						record: "Foorumi jatkaa kokoontumisia kuntien ja TE-toimiston vuorovetoisesti.",
						decide: "Foorumin koollekutsujaksi syksystä 2022 sovittiin Joensuun kaupunki."},
				}},
		},
	},
	{
		network: "Työnantajayhteistyön yhteiskehittämisverkosto", about: "Yhteiskehittämisen työpaja; ennakkotehtävät tehdään sähköisellä alustalla.",
		week: 2, weekday: time.Tuesday, hour: 12, length: 3 * time.Hour, mode: meeting.ModeRemote, place: rovaniemiTalo,
		link: "https://meet.kohtaamo.example/osaamo-tyopajat",
		meetings: []histMeeting{
			{y: 2021, m: time.March, title: "Työpaja 1: työnantajat", guests: []string{"koskela"}, items: []histItem{
				{title: "Ennakkotehtävien yhteenveto", by: "koskela",
					record: "Sähköisen alustan ennakkotehtäviin vastasi 34 työnantajaa. Eniten toivottiin nopeutta ja yhtä yhteyshenkilöä."},
				{title: "Onnistunut palvelu työnantajan näkökulmasta", by: "harju",
					record: "Olli Harju kuvasi pienyrittäjän rekrytointia: tarve on usein äkillinen ja osaamista on vaikea kuvata ilmoitukseen."},
			}},
			{y: 2021, m: time.May, title: "Työpaja 2: työntekijät ja työnhakijat", guests: []string{"koskela"}, items: []histItem{
				{title: "Tulevaisuuden työllisyyspalvelut asiakasnäkökulmasta", by: "koskela",
					record: "Työnhakijat toivoivat palvelua, joka tunnistaa osaamisen eikä vain tutkintoja."},
			}},
			{y: 2021, m: time.September, mode: meeting.ModeInPerson, title: "Työpaja 3: oppilaitokset", guests: []string{"koskela"}, items: []histItem{
				{title: "Oppilaitosten rooli kohtaannossa", by: "kallio",
					record: "Lyhyet, työnantajien kanssa suunnitellut koulutukset nähtiin tärkeimpänä keinona.",
					task:   "Kootaan esimerkit yhdessä suunnitelluista koulutuksista", owner: "ollila"},
			}},
			{y: 2021, m: time.November, mode: meeting.ModeInPerson, title: "Työpaja 4: yhteistyöverkosto", guests: []string{"koskela"}, items: []histItem{
				{title: "Yhteinen kuva tavoiteltavasta palvelukokonaisuudesta", by: "koskela",
					record: "Työpajassa koottiin tulevaisuuden kuva ja sen konkreettiset askeleet.",
					decide: "Wimmaa kokoaa ennakkotehtävistä ja neljästä työpajasta raportin."},
			}},
			{y: 2022, m: time.February, mode: meeting.ModeHybrid, title: "Työpajojen raportti", guests: []string{"koskela"}, items: []histItem{
				{title: "Raportti: havainnot, kehittämistarpeet ja mahdollisuudet", by: "koskela",
					record: "Emilia Koskela esitteli raportin keskeiset havainnot. Raporttia pidettiin osuvana ja selkeänä.",
					decide: "Raportin kehittämistarpeet viedään kaupungin työllisyyspalveluiden suunnitelmaan.",
					task:   "Esitellään raportti työllisyyspalveluiden johtoryhmälle", owner: "jankala"},
			}},
		},
	},
	{
		network: "Ohjaamomainen työllisyysekosysteemi", about: "Kaupungin, oppilaitosten ja työhallinnon yhteinen verkosto.",
		week: 1, weekday: time.Monday, hour: 9, length: 90 * time.Minute, mode: meeting.ModeInPerson, place: rovaniemiTalo,
		link: "https://meet.kohtaamo.example/osaamo-ekosysteemi",
		meetings: []histMeeting{
			{y: 2020, m: time.November, mode: meeting.ModeRemote, title: "Verkoston aloituskokous", items: []histItem{
				{title: "Ohjaamomainen ekosysteemi: mitä tavoittelemme", by: "jankala",
					record: "Tavoitteena on, että asiakas saa kaupungin, oppilaitosten ja TE-toimiston palvelut yhdestä paikasta."},
				{title: "Tilannekuva Lapin työmarkkinoista", by: "autio",
					record: "Matkailun työpaikat ovat vähentyneet koronan vuoksi, mutta sote-alalla ja rakentamisessa on pulaa tekijöistä.",
					task:   "Päivitetään tilannekuva seuraavaan kokoukseen", owner: "autio"},
			}},
			{y: 2021, m: time.March, mode: meeting.ModeRemote, items: []histItem{
				{title: "Yhteinen palvelupolku", by: "lampela",
					record: "Palvelupolun luonnos kuvaa ensimmäisen yhteydenoton, osaamisen tunnistamisen ja ohjauksen koulutukseen tai työhön.",
					decide: "Palvelupolkua kokeillaan nuorten asiakkaiden kanssa syksyllä."},
			}},
			{y: 2021, m: time.September, items: []histItem{
				{title: "Oppilaitosten ja työllisyyspalveluiden yhteistyö", by: "ollila",
					record: "REDU ja Lapin AMK tuovat opinto-ohjaajan yhteiseen palvelupisteeseen kahtena päivänä viikossa.",
					task:   "Sovitaan opinto-ohjaajien vuorot", owner: "ollila"},
			}},
			{y: 2022, m: time.February, mode: meeting.ModeHybrid, items: []histItem{
				{title: "Tutkimuksen näkökulma: kohtaanto Lapissa", by: "heikura",
					record: "Ilkka Heikura esitteli tutkimusta alueellisesta kohtaannosta ja osaamisen tunnistamisesta."},
			}},
			{y: 2022, m: time.September, items: []histItem{
				{title: "Palvelupolun kokeilun tulokset", by: "lampela",
					record: "Kokeiluun osallistui 41 nuorta; kahdella kolmesta on nyt opiskelu- tai työpaikka.",
					decide: "Palvelupolku vakiinnutetaan osaksi kaupungin työllisyyspalveluita."},
			}},
			{y: 2022, m: time.November, title: "Verkoston päätöskokous", items: []histItem{
				{title: "Ekosysteemin jatko hankkeen jälkeen", by: "jankala",
					record: "Yhteistyö jatkuu kaupungin työllisyyspalveluiden koordinoimana.",
					decide: "Verkoston kokoontumiset jatkuvat kaupungin kutsumina neljästi vuodessa."},
			}},
		},
	},
}

// histTerm is a member's term in a past network.
type histTerm struct {
	person, role, deputyOf string
	start, end             time.Time
}

// histTerms returns a past network's members with their terms, in the
// seed's order.
func histTerms(name string) ([]histTerm, bool) {
	for _, p := range pastProjects {
		for _, n := range p.networks {
			if n.name != name {
				continue
			}
			var out []histTerm
			for _, m := range n.members {
				t := histTerm{person: m.person, role: m.role, deputyOf: m.deputyOf, start: m.start, end: m.end}
				if t.start.IsZero() {
					t.start = n.start
				}
				if t.end.IsZero() {
					t.end = n.end
				}
				out = append(out, t)
			}
			return out, true
		}
	}
	return nil, false
}

func (t histTerm) covers(day time.Time) bool {
	return !day.Before(t.start) && (t.end.IsZero() || !day.After(t.end))
}

// finnishTime formats a Helsinki time as "14.4.2009 klo 9.00".
func finnishTime(t time.Time) string {
	t = t.In(app.Helsinki)
	return fmt.Sprintf("%d.%d.%d klo %d.%02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
}

// loadHistory writes the ended projects' meetings.
func (a *activity) loadHistory() error {
	for _, h := range histNetworks {
		if err := a.history(h); err != nil {
			return fmt.Errorf("demo history of %s: %w", h.network, err)
		}
	}
	return nil
}

// histStart returns when a past meeting starts.
func (h histNetwork) start(m histMeeting) time.Time {
	day := m.day
	if day == 0 {
		day = nthWeekday(m.y, m.m, h.week, h.weekday)
	}
	hour, minute := h.hour, h.min
	if m.hour != 0 {
		hour, minute = m.hour, m.min
	}
	return time.Date(m.y, m.m, day, hour, minute, 0, 0, app.Helsinki)
}

func (a *activity) history(h histNetwork) error {
	netID, ok := a.networks[h.network]
	if !ok {
		return fmt.Errorf("unknown network")
	}
	terms, ok := histTerms(h.network)
	if !ok {
		return fmt.Errorf("not a network of an ended project")
	}
	var convener, secretary string
	for _, t := range terms {
		switch {
		case t.role == "convener" && convener == "":
			convener = t.person
		case t.role == "secretary" && secretary == "":
			secretary = t.person
		}
	}
	if secretary == "" {
		secretary = convener
	}
	for i, spec := range h.meetings {
		start := h.start(spec)
		if wd := start.Weekday(); wd == time.Saturday || wd == time.Sunday {
			return fmt.Errorf("meeting %s falls on a weekend", start)
		}
		next := ""
		if i+1 < len(h.meetings) {
			next = finnishTime(h.start(h.meetings[i+1]))
		}
		if err := a.pastMeeting(netID, h, spec, i, start, terms, convener, secretary, next); err != nil {
			return fmt.Errorf("meeting %s: %w", start.Format(time.DateOnly), err)
		}
	}
	return nil
}

// pastMeeting writes one held meeting: agenda, answers, attendance,
// approved minutes with a section per agenda item, and its action items
// done (or closed).
func (a *activity) pastMeeting(netID int64, h histNetwork, spec histMeeting, k int, start time.Time, terms []histTerm,
	convener, secretary, next string) error {
	length := h.length
	if spec.length != 0 {
		length = spec.length
	}
	// A meeting is named by its own title or its main item, so the list
	// of a network's past meetings reads as what it did.
	in := meeting.Input{Title: spec.title, Description: h.about, StartsAt: start, EndsAt: start.Add(length), Mode: h.mode, Place: h.place,
		RemoteLink: h.link}
	if in.Title == "" && len(spec.items) > 0 {
		in.Title = spec.items[0].title
	}
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
	created := start.AddDate(0, 0, -28)
	deadline := time.Date(start.Year(), start.Month(), start.Day()-7, 16, 0, 0, 0, app.Helsinki)
	in.AgendaDeadline = &deadline
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

	// The agenda: the opening, the meeting's items, the next meeting.
	cp, _ := personByKey(convener)
	sp, _ := personByKey(secretary)
	open := histItem{title: opening, by: convener,
		record: fmt.Sprintf("Puheenjohtaja %s avasi kokouksen. Sihteerinä toimi %s. Esityslista hyväksyttiin.", cp.name, sp.name)}
	if convener == secretary {
		open.record = fmt.Sprintf("%s avasi kokouksen ja toimi myös sihteerinä. Esityslista hyväksyttiin.", cp.name)
	}
	items := append([]histItem{open}, spec.items...)
	closing := histItem{title: nextMeetingTitle, by: convener,
		record: "Tämä oli verkoston viimeinen kokous hankekaudella. Puheenjohtaja kiitti jäseniä yhteistyöstä."}
	if next != "" {
		closing.record = "Seuraava kokous pidetään " + next + "."
	}
	items = append(items, closing)
	agendaAt := start.AddDate(0, 0, -10)
	itemIDs := make([]int64, len(items))
	for i, it := range items {
		mins := 10
		if i > 0 && i < len(items)-1 {
			mins = max(20, int(length.Minutes()-20)/max(1, len(spec.items)))
		}
		if itemIDs[i], err = a.addItem(m, actItem{title: it.title, preparer: it.by, minutes: mins}, meeting.ItemAccepted, "", agendaAt); err != nil {
			return err
		}
	}

	// Who came: every member whose term covers the day, but for a few
	// absences (never of the convener, the secretary or a preparer);
	// a deputy comes in the place of an absent member; guests only when
	// named.
	day := app.Day(start)
	needed := map[string]bool{convener: true, secretary: true}
	for _, it := range items {
		needed[it.by] = true
		if it.owner != "" {
			needed[it.owner] = true
		}
	}
	guests := map[string]bool{}
	for _, g := range spec.guests {
		guests[g] = true
	}
	absent := map[string]bool{}
	for j, t := range terms {
		if t.deputyOf == "" && t.role != "guest" && !needed[t.person] && (k*5+j*3)%8 == 0 {
			absent[t.person] = true
		}
	}
	answeredAt := start.AddDate(0, 0, -5)
	modes := map[int64]string{}
	for j, t := range terms {
		if !t.covers(day) {
			if needed[t.person] || guests[t.person] {
				return fmt.Errorf("%s's term does not cover the meeting", t.person)
			}
			continue
		}
		pid, err := a.person(t.person)
		if err != nil {
			return err
		}
		comes := !absent[t.person]
		switch {
		case t.role == "guest":
			comes = guests[t.person]
		case t.deputyOf != "":
			comes = absent[t.deputyOf] || needed[t.person]
		}
		answer := meeting.AnswerNo
		if comes {
			answer = meeting.AttendedInPerson
			if in.Mode == meeting.ModeRemote || (in.Mode == meeting.ModeHybrid && (k+j)%3 == 0 && !needed[t.person]) {
				answer = meeting.AttendedRemote
			}
			modes[pid] = answer
		}
		if err := a.meetings.SetResponse(a.ctx, m.ID, pid, answer, answeredAt); err != nil {
			return err
		}
	}
	if err := a.meetings.SetAttendance(a.ctx, m, modes, m.EndsAt); err != nil {
		return err
	}

	// The minutes, a section per agenda item, written the next day and
	// approved by the convener within a week.
	mi := minutes.Input{}
	for i, it := range items {
		p, _ := personByKey(it.by)
		sec := minutes.SectionInput{AgendaItemID: itemIDs[i], Title: it.title, Preparer: p.name, Body: it.record}
		if it.decide != "" {
			sec.Decisions = []string{it.decide}
		}
		mi.Sections = append(mi.Sections, sec)
	}
	if err := validate(func(v *app.Validator) { mi.Validate(v, false) }); err != nil {
		return err
	}
	secretaryID, err := a.person(secretary)
	if err != nil {
		return err
	}
	written := m.EndsAt.AddDate(0, 0, 1)
	mn, err := a.minutes.Save(a.ctx, m.ID, mi, secretaryID, written)
	if err != nil {
		return err
	}
	for i, it := range items {
		if it.task == "" {
			continue
		}
		if err := a.pastTask(m, it, itemIDs[i], written); err != nil {
			return fmt.Errorf("action item %q: %w", it.task, err)
		}
	}
	convenerID, err := a.person(convener)
	if err != nil {
		return err
	}
	_, err = a.minutes.Approve(a.ctx, m.ID, mn.Version, convenerID, m.EndsAt.AddDate(0, 0, 6))
	return err
}

// pastTask adds an action item given under an agenda item, due in three
// weeks and done (or closed) in two.
func (a *activity) pastTask(m *meeting.Meeting, it histItem, agendaItemID int64, at time.Time) error {
	key := it.owner
	if key == "" {
		key = it.by
	}
	owner, err := a.person(key)
	if err != nil {
		return err
	}
	due := app.Day(m.StartsAt).AddDate(0, 0, 21)
	in := minutes.ItemInput{Title: it.task, OwnerID: owner, DueOn: &due, Status: minutes.ItemOpen, AgendaItemID: agendaItemID}
	if err := validate(in.Validate); err != nil {
		return err
	}
	id, err := a.minutes.AddItem(a.ctx, m.ID, m.NetworkID, in, at)
	if err != nil {
		return err
	}
	status := minutes.ItemDone
	if it.closed {
		status = minutes.ItemCancelled
	}
	return a.minutes.SetItemStatus(a.ctx, id, status, at.AddDate(0, 0, 13))
}
