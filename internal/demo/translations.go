package demo

import "github.com/kohtaamo/kohtaamo/internal/meeting"

// meetingTexts are the Swedish and English titles and descriptions of the
// current project's meetings (activity.go), by their Finnish text: a
// bilingual region's Swedish-speaking members see them in Swedish. A text
// not listed stays Finnish only (readers of every language see Finnish).
var meetingTexts = map[string][2]string{
	// Series and their descriptions.
	"Kuntouttavan työtoiminnan verkostokokous": {"Nätverksmöte om arbetsverksamhet i rehabiliteringssyfte", "Rehabilitative work activity network meeting"},
	"Verkoston kuukausikokous. Etäosallistujat pääsevät mukaan kokouslinkistä; materiaalit ovat esityslistan kohdissa.": {
		"Nätverkets månadsmöte. Den som deltar på distans kommer med via möteslänken; materialet finns under punkterna på föredragningslistan.",
		"The network's monthly meeting. Remote participants join through the meeting link; the materials are under the agenda items."},
	"Työpajaverkoston kokous": {"Verkstadsnätverkets möte", "Workshop network meeting"},
	"Verkosto kiertää seudun työpajoilla tutustumassa niiden toimintamalleihin. Kokouslinkki on etäosallistujille.": {
		"Nätverket besöker verkstäderna i regionen och bekantar sig med deras verksamhetsmodeller. Möteslänken är för dem som deltar på distans.",
		"The network visits the region's workshops to learn how they work. The meeting link is for remote participants."},
	// Meetings of a series with a title of their own.
	"Vierailu: Muhoksen kuntouttavan työtoiminnan ryhmä": {"Besök: gruppen för arbetsverksamhet i rehabiliteringssyfte i Muhos", "Visit: the rehabilitative work activity group in Muhos"},
	"Ensi vuoden toimintasuunnitelma: ideointityöpaja":   {"Nästa års verksamhetsplan: idéverkstad", "Next year's action plan: ideas workshop"},
	"Työpajavierailu: Tyrnävän työpaja":                  {"Verkstadsbesök: verkstaden i Tyrnävä", "Workshop visit: the Tyrnävä workshop"},
	"Työpajavierailu: Nuorten Ystävät ry":                {"Verkstadsbesök: Nuorten Ystävät ry", "Workshop visit: Nuorten Ystävät ry"},
	"Laatukäsikirja ja oppilaitosyhteistyö":              {"Kvalitetshandbok och samarbete med läroanstalter", "Quality handbook and cooperation with educational institutions"},
	"Palveluiden tuotteistaminen ja tilaaja–tuottajamalli": {"Produktifiering av tjänster och beställar–utförarmodellen",
		"Productising services and the purchaser–provider model"},
	"Työpajavierailu: Iin työpaja":          {"Verkstadsbesök: verkstaden i Ii", "Workshop visit: the Ii workshop"},
	"Hyvien käytäntöjen raportin julkistus": {"Publicering av rapporten om god praxis", "Launch of the good practices report"},
	// Single meetings.
	"Palvelukumppanuudet: järjestöjen työllisyyspalvelut työllisyysalueen palveluvalikossa": {
		"Tjänstepartnerskap: organisationernas sysselsättningstjänster i sysselsättningsområdets tjänsteutbud",
		"Service partnerships: NGOs' employment services in the employment area's range of services"},
}

// translate fills in the Swedish and English title and description of
// in from meetingTexts (empty for a Finnish text not listed).
func translate(in *meeting.Input) {
	t, d := meetingTexts[in.Title], meetingTexts[in.Description]
	in.TitleSv, in.TitleEn = t[0], t[1]
	in.DescriptionSv, in.DescriptionEn = d[0], d[1]
}
