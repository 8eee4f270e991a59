package routing

import (
	"bytes"
	"strconv"
	"testing"
)

// directoryJSON returns a valid directory of n entries: a province and n-1 communes under it,
// each with a function.
func directoryJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"units": [{"code": "000.00.00.H49", "name": "Tỉnh", "level": "province"}`)
	for i := 1; i < n; i++ {
		c := strconv.Itoa(1_000_000 + i)
		b.WriteString(`,{"code": "` + c[1:4] + "." + c[4:6] + "." + c[5:7] + `.H49", "name": "Xã ` + c[1:] +
			`", "level": "commune", "parent": "000.00.00.H49", "roles": ["civil-status"]}`)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// ParseDirectory costs time and memory in proportion to its input: 8× the entries cost about
// 8× (at most 10×) the time, valid or not.
func BenchmarkParseDirectory(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		for _, kind := range []string{"valid", "empty"} {
			data := directoryJSON(n)
			if kind == "empty" {
				data = repeatList("units", "{}", n)
			}
			b.Run(kind+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					d, err := ParseDirectory(data)
					if (err == nil) != (kind == "valid") || (err == nil && len(d.entries) != n) {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
