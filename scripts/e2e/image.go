//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
)

// decodePPM reads the binary PPM (P6, 8 bits) that xwdtopnm writes.
func decodePPM(b []byte) (*image.RGBA, error) {
	r := bytes.NewReader(b)
	var magic string
	var w, h, maxVal int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxVal); err != nil || magic != "P6" || maxVal != 255 {
		return nil, fmt.Errorf("not an 8-bit P6 picture (%q %d): %v", magic, maxVal, err)
	}
	if _, err := r.ReadByte(); err != nil { // the one whitespace after the header
		return nil, err
	}
	pix := b[len(b)-r.Len():]
	if len(pix) < w*h*3 {
		return nil, errors.New("the picture is cut short")
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		img.Pix[i*4], img.Pix[i*4+1], img.Pix[i*4+2], img.Pix[i*4+3] = pix[i*3], pix[i*3+1], pix[i*3+2], 255
	}
	return img, nil
}

// differing counts the pixels that differ between two pictures; all of them if the sizes do.
func differing(a, b *image.RGBA) int {
	if a.Bounds() != b.Bounds() {
		return max(a.Bounds().Dx()*a.Bounds().Dy(), b.Bounds().Dx()*b.Bounds().Dy())
	}
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
			n++
		}
	}
	return n
}

// colours counts the distinct colours of a picture, up to 1000.
func colours(img *image.RGBA) int {
	seen := map[[3]byte]bool{}
	for i := 0; i < len(img.Pix) && len(seen) < 1000; i += 4 {
		seen[[3]byte{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}] = true
	}
	return len(seen)
}

// crop copies a part of a picture.
func crop(img *image.RGBA, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:(y+1)*out.Stride], img.Pix[(r.Min.Y+y)*img.Stride+r.Min.X*4:])
	}
	return out
}

// lightShare is the share of the picture's pixels that are light (a light theme's background).
func lightShare(img *image.RGBA) float64 {
	light := 0
	for i := 0; i+2 < len(img.Pix); i += 4 {
		if int(img.Pix[i])+int(img.Pix[i+1])+int(img.Pix[i+2]) > 3*180 {
			light++
		}
	}
	return float64(light) / float64(len(img.Pix)/4)
}
