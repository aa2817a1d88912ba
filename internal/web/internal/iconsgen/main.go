// Command iconsgen draws Kohtaamo's icon (three people around a meeting
// table) and writes it as internal/web/static/icon.svg, the PNG app icons
// and favicon.ico. The shapes are plain circles and a rounded square, so
// the PNGs are drawn here in Go (supersampled) from the same geometry as
// the SVG: no image tool or browser is needed. Run from the module root:
//
//	go generate ./internal/web
//
// The output is committed; run it again only when the icon changes.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"path/filepath"
)

// The icon in a 64 × 64 box.
const (
	box     = 64.0
	corner  = 12.0 // the rounded square's corner radius
	ringX   = 32.0
	ringY   = 35.0
	ringR   = 11.0 // the table: a ring of this radius…
	ringW   = 5.0  // …and stroke width
	personR = 6.5
)

var (
	people = [][2]float64{{32, 13}, {13, 46}, {51, 46}}
	blue   = color.NRGBA{0x00, 0x35, 0x7a, 0xff} // Suomi.fi brand-base, hsl(214, 100%, 24%)
	yellow = color.NRGBA{0xf6, 0xaf, 0x09, 0xff} // Suomi.fi warning-base, hsl(42, 93%, 50%)
	white  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func svg() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">`+"\n")
	fmt.Fprintf(&b, `<rect width="64" height="64" rx="%g" fill="%s"/>`+"\n", corner, hex(blue))
	fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="%g" fill="none" stroke="%s" stroke-width="%g"/>`+"\n", ringX, ringY, ringR, hex(yellow), ringW)
	for _, p := range people {
		fmt.Fprintf(&b, `<circle cx="%g" cy="%g" r="%g" fill="%s"/>`+"\n", p[0], p[1], personR, hex(white))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// at is the icon's colour at (x, y) of the 64 box; square drops the
// rounded corners (an Apple touch icon is square, the system rounds it).
func at(x, y float64, square bool) color.NRGBA {
	if !square && !inRoundedSquare(x, y) {
		return color.NRGBA{}
	}
	for _, p := range people {
		if math.Hypot(x-p[0], y-p[1]) <= personR {
			return white
		}
	}
	if d := math.Hypot(x-ringX, y-ringY); math.Abs(d-ringR) <= ringW/2 {
		return yellow
	}
	return blue
}

func inRoundedSquare(x, y float64) bool {
	cx := math.Max(corner, math.Min(box-corner, x))
	cy := math.Max(corner, math.Min(box-corner, y))
	return math.Hypot(x-cx, y-cy) <= corner
}

// draw renders the icon at size × size pixels, 8 × 8 samples a pixel.
func draw(size int, square bool) *image.NRGBA {
	const n = 8
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := box / float64(size)
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range n {
				for sx := range n {
					c := at((float64(px)+(float64(sx)+.5)/n)*scale, (float64(py)+(float64(sy)+.5)/n)*scale, square)
					al := float64(c.A) / 255
					r, g, b, a = r+float64(c.R)*al, g+float64(c.G)*al, b+float64(c.B)*al, a+al
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a / (n * n) * 255)),
			})
		}
	}
	return img
}

func pngBytes(img image.Image) []byte {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// ico packs PNG images into an ICO file (PNG entries: every browser since
// 2007 reads them).
func ico(sizes ...int) []byte {
	var head, data bytes.Buffer
	_ = binary.Write(&head, binary.LittleEndian, [3]uint16{0, 1, uint16(len(sizes))}) // #nosec G115 -- three sizes
	offset := 6 + 16*len(sizes)
	for _, s := range sizes {
		p := pngBytes(draw(s, false))
		_ = binary.Write(&head, binary.LittleEndian, struct {
			W, H, Colors, Reserved uint8
			Planes, BPP            uint16
			Size, Offset           uint32
		}{uint8(s % 256), uint8(s % 256), 0, 0, 1, 32, uint32(len(p)), uint32(offset)}) // #nosec G115 -- small sizes
		offset += len(p)
		data.Write(p)
	}
	return append(head.Bytes(), data.Bytes()...)
}

func main() {
	dir := filepath.Join("internal", "web", "static")
	if _, err := os.Stat(dir); err != nil {
		dir = "static" // run by go generate in internal/web
	}
	files := map[string][]byte{
		"icon.svg":             svg(),
		"apple-touch-icon.png": pngBytes(draw(180, true)),
		"icon-192.png":         pngBytes(draw(192, false)),
		"icon-512.png":         pngBytes(draw(512, false)),
		"favicon.ico":          ico(16, 32, 48),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			log.Fatal(err)
		}
	}
}
