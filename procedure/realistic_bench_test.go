package procedure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// realistic returns n procedures of about 4 KB each in JSON, the size of the national
// database's records with their documents, steps and legal bases (issue 14), using the fields
// of the issue 14 model (clock, fees by channel).
func realistic(n int) []Procedure {
	procs := generate(n, 11)
	for i := range procs {
		p := &procs[i]
		p.Name += " theo quy định của pháp luật về hộ tịch, cư trú và đất đai"
		p.Documents = p.Documents[:0]
		for k := range 8 {
			d := Document{Name: fmt.Sprintf("Bản sao giấy tờ chứng minh nhân thân, chỗ ở hợp pháp hoặc quan hệ nhân thân số %d của người yêu cầu đăng ký", k),
				Originals: 1, Copies: k % 2, Requirement: Required, Form: "Mẫu TP/HT-2020-KS.1"}
			if k%3 == 0 {
				d.Requirement, d.Condition = Conditional, "Trường hợp người yêu cầu ủy quyền cho người khác thực hiện thủ tục theo quy định"
			}
			p.Documents = append(p.Documents, d)
		}
		p.LegalBasis = nil
		for k := range 8 {
			p.LegalBasis = append(p.LegalBasis, fmt.Sprintf("Nghị định số %d/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều", 100+k))
		}
		p.Note = strings.Repeat("Trình tự thực hiện: tiếp nhận hồ sơ, kiểm tra tính đầy đủ, giải quyết và trả kết quả. ", 3)
		p.Clock = &Clock{Start: CompleteDossier, StartText: "Kể từ ngày nhận đủ hồ sơ hợp lệ"}
		if i%2 == 0 {
			p.Fees = append(p.Fees, Fee{ID: "le-phi-truc-tuyen", Name: "Lệ phí (nộp trực tuyến)", Kind: FixedFee, Amount: dec("5000"), Channels: []Channel{Online}})
			p.Fees[0].Channels = []Channel{Counter, Postal}
		}
		p.Results = append(p.Results, Result{Name: "Thông báo bằng văn bản nội dung cần sửa đổi, bổ sung", Code: "KQ.G12.001009"})
	}
	return procs
}

// BenchmarkRealistic6000 loads and validates 6,000 realistic procedures (about 25 MB) and, in
// the same run, decodes the same bytes with encoding/json into the same types without any
// check: Load must not be slower (issue 14).
func BenchmarkRealistic6000(b *testing.B) {
	data := catalogJSON(b, realistic(6000), nil)
	b.Logf("%d procedures, %.1f MB, %.0f bytes each", 6000, float64(len(data))/1e6, float64(len(data))/6000)
	b.Run("Load", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Load(bytes.NewReader(data), LoadOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var d document
			if err := json.Unmarshal(data, &d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
