package procedure

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// The benchmarks of issue 9: loading costs time and memory in proportion to the input. Compare
// each size with the one 8 times smaller: 8 times the input should cost at most about 8 times
// the time and the bytes allocated (B/op).

// BenchmarkLoadEmptyProcedures: n procedures {} (every one with a dozen problems, of which
// 100 are listed and the others counted without their texts). 1,000,000 took 9–13 s and
// 1.07 GB of live heap when every item was kept and checked by the go-playground validator.
func BenchmarkLoadEmptyProcedures(b *testing.B) {
	for _, n := range []int{10_000, 80_000, 100_000, 800_000} {
		data := emptyProcedures(n)
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data), LoadOptions{}); err == nil {
					b.Fatal("no error")
				}
			}
		})
	}
}

// BenchmarkLoadUnknownKeys: n procedures {"x": 1}, each read value by value to report its
// unknown key beside its other problems.
func BenchmarkLoadUnknownKeys(b *testing.B) {
	for _, n := range []int{10_000, 80_000} {
		data := []byte(`{"procedures": [` + strings.Repeat(`{"x": 1},`, n-1) + `{"x": 1}]}`)
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data), LoadOptions{}); err == nil {
					b.Fatal("no error")
				}
			}
		})
	}
}

// BenchmarkLoadManyCases: one procedure with n cases (duplicate IDs were found by a scan of
// every pair).
func BenchmarkLoadManyCases(b *testing.B) {
	for _, n := range []int{10_000, 80_000} {
		p := validProcedure()
		p.Cases = nil
		for i := range n {
			p.Cases = append(p.Cases, Case{ID: "c" + strconv.Itoa(i), Name: "Trường hợp " + strconv.Itoa(i)})
		}
		data := catalogJSON(b, []Procedure{p}, nil)
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data), LoadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadBigGroup: a group of n members (the "unique" rule compared every pair).
func BenchmarkLoadBigGroup(b *testing.B) {
	for _, n := range []int{10_000, 80_000} {
		procs := make([]Procedure, 0, n)
		members := make([]NationalCode, 0, n)
		for i := range n {
			code := NationalCode(fmt.Sprintf("1.%06d", i))
			members = append(members, code)
			if i < 2 {
				p := validProcedure()
				p.Code = code
				procs = append(procs, p)
			}
		}
		data := catalogJSON(b, procs, []Group{{ID: "g", Name: "Nhóm", LeadSector: Justice, Members: members}})
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data), LoadOptions{}); err == nil {
					b.Fatal("no error") // the members are not in the catalog
				}
			}
		})
	}
}

var foldSink string

// BenchmarkFold folds three names of the sample catalog.
func BenchmarkFold(b *testing.B) {
	names := []string{"Thủ tục đăng ký khai sinh", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
		strings.ToUpper("Đăng ký biến động quyền sử dụng đất")}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			foldSink = Fold(n)
		}
	}
}
