package i18n

// Text is a piece of content a person wrote (a project's, network's or
// meeting's name or description) in Finnish and, optionally, in Swedish and
// English. Finnish is required; the others are shown when given.
type Text struct {
	Fi, Sv, En string
}

// In returns the text in lang, falling back to Finnish when it was not
// given in lang (or lang is not supported).
func (t Text) In(lang string) string { return Pick(lang, t.Fi, t.Sv, t.En) }

// Pick returns sv or en when lang asks for it and it is not empty, and fi
// otherwise: content is shown in the reader's language when given.
func Pick(lang, fi, sv, en string) string {
	switch {
	case lang == "sv" && sv != "":
		return sv
	case lang == "en" && en != "":
		return en
	}
	return fi
}
