package cli

// appendIndented indents compact JSON (encoding/json's output: no space outside strings) as
// json.Indent does with no prefix and two spaces: a line per element and member, ": " after
// names, and empty objects and arrays kept as {} and [].
func appendIndented(dst, src []byte) []byte {
	depth := 0
	opened := false // just after { or [: the next character decides whether it is empty
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened && c != '}' && c != ']' {
			newline()
		}
		wasOpened := opened
		opened = false
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			depth++
			opened = true
		case '}', ']':
			depth--
			if !wasOpened {
				newline()
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, ',')
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
