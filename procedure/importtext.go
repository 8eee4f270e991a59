package procedure

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/motcua-go/motcua/calendar"
)

// This file reads the text of the national records: the channel table with its limits and
// fees, the document tables, the legal bases and the results. Each reader is bounded by the
// length of its input (regular expressions of package regexp run in linear time).

// maxRecordText bounds the text of one field of a record that the importer reads; the rest is
// left unread (the longest published fields are a few tens of kilobytes).
const maxRecordText = 1 << 20

func bounded(s string) string {
	if len(s) > maxRecordText {
		s = s[:maxRecordText]
		for !utf8.ValidString(s) && len(s) > 0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

// channelRow is one row of the channel table: channel, time, fee and description cells.
type channelRow struct {
	ch        Channel
	time, fee string
	desc      string
}

var channelNames = [...]struct {
	text string
	ch   Channel
}{{"Trực tiếp", Counter}, {"Trực tuyến", Online}, {"Dịch vụ bưu chính", Postal}}

// splitChannelRows cuts the channel table into rows: a row starts where a channel name is
// followed at once (the cells run together) by a time cell.
func splitChannelRows(s string) []channelRow {
	s = cleanText(bounded(s))
	if i := strings.Index(s, "Mô tả"); i >= 0 && i < 64 {
		s = s[i+len("Mô tả"):]
	}
	type start struct {
		at, body int
		ch       Channel
		tlen     int
	}
	var starts []start
	for i := 0; i < len(s); i++ {
		for _, c := range channelNames {
			if strings.HasPrefix(s[i:], c.text) {
				j := i + len(c.text)
				if n := timeCellLen(s[j:]); n > 0 {
					starts = append(starts, start{at: i, body: j, ch: c.ch, tlen: n})
					i = j + n - 1
				}
				break
			}
		}
	}
	rows := make([]channelRow, 0, len(starts))
	for k, st := range starts {
		end := len(s)
		if k+1 < len(starts) {
			end = starts[k+1].at
		}
		rest := s[st.body+st.tlen : end]
		fee, desc := splitFeeCell(rest)
		rows = append(rows, channelRow{ch: st.ch, time: strings.TrimSpace(s[st.body : st.body+st.tlen]), fee: fee, desc: strings.TrimSpace(desc)})
	}
	return rows
}

// timeUnits are the units of the time cell, longest first, with their calendar units.
var timeUnits = [...]struct {
	text string
	unit calendar.Unit
}{
	{"ngày làm việc", calendar.WorkingDays}, {"giờ làm việc", calendar.WorkingHours},
	{"ngày", calendar.Days}, {"giờ", calendar.Hours}, {"tháng", calendar.Months}, {"năm", calendar.Months},
}

// timeCellLen returns the length of the time cell at the start of s, 0 if none.
func timeCellLen(s string) int {
	for _, w := range [...]string{"Không có thông tin", "Ngay trong ngày", "Trong ngày", "trong ngày"} {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	n := numberLen(s)
	if n == 0 {
		return 0
	}
	rest := s[n:]
	sp := len(rest) - len(strings.TrimLeft(rest, " "))
	low := strings.ToLower(rest[sp:min(len(rest), sp+32)])
	for _, u := range timeUnits {
		if strings.HasPrefix(low, u.text) {
			return n + sp + len(u.text)
		}
	}
	// A bare number, unless it is an amount of money: a currency follows, or a group of
	// thousands ("Trực tuyến120,000 VNĐ" is a fee cell right after the channel, no time).
	if isAmountAhead(rest) || strings.ContainsAny(s[:n], ",.") && n-strings.IndexAny(s[:n], ",.") == 4 ||
		thousandsAhead(rest) {
		return 0
	}
	return n
}

// numberLen returns the length of the number (digits, one decimal point or comma) at the start
// of s.
func numberLen(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 6 {
		return 0
	}
	if i+1 < len(s) && (s[i] == '.' || s[i] == ',') && s[i+1] >= '0' && s[i+1] <= '9' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i-1 <= 2 {
			return j
		}
	}
	return i
}

// thousandsAhead reports whether rest starts with a group of thousands: ",000" or ".500".
func thousandsAhead(rest string) bool {
	if len(rest) < 4 || rest[0] != ',' && rest[0] != '.' {
		return false
	}
	for _, c := range rest[1:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(rest) == 4 || rest[4] < '0' || rest[4] > '9'
}

// onlyFeeName reports whether a remark only names the fee: "Phí", "Lệ phí", "Phí, lệ phí",
// or a name that starts with one of them and says nothing else, "Phí thẩm định tiêu chuẩn và
// điều kiện sản xuất thuốc thú y": no figure, no line or list, and none of the words that make
// a remark a condition, a period or an exemption.
func onlyFeeName(remark string) bool {
	f := strings.Trim(Fold(remark), " .;:")
	switch f {
	case "phi", "le phi", "phi, le phi", "phi le phi", "phi va le phi":
		return true
	}
	if !strings.HasPrefix(f, "phi ") && !strings.HasPrefix(f, "le phi ") || utf8.RuneCountInString(remark) > MaxNameLen ||
		strings.ContainsAny(f, "0123456789;:\n+-") {
		return false
	}
	for _, w := range [...]string{"truong hop", "doi voi", "neu ", "tru ", "mien", "giam", "ap dung", "tu ngay", "khong",
		"theo quy dinh", "thong tu", "nghi dinh", "hoi dong"} {
		if strings.Contains(f, w) {
			return false
		}
	}
	return true
}

func isAmountAhead(rest string) bool {
	r := strings.TrimLeft(rest, " ")
	for _, c := range currencies {
		if strings.HasPrefix(r, c.text) {
			return true
		}
	}
	return false
}

// parseLimitText reads a time cell: "15 Ngày làm việc", "1.5 Ngày làm việc", "1,5 ngày làm
// việc", "30 Ngày", "1 Giờ" (clock hours), "2 Tháng", "1 Năm" (12 months), a bare "3"
// (working days, as the database means it), "Trong ngày" (same day: 1 working day with the
// same-day rule). "Không có thông tin" gives an unpublished limit. ok is false for any other
// text.
func parseLimitText(s string) (l PublishedLimit, sameDay, bare, ok bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "không có thông tin", "":
		return PublishedLimit{Unpublished: true}, false, false, true
	case "trong ngày", "ngay trong ngày":
		return PublishedLimit{Value: decimal.NewFromInt(1), Unit: calendar.WorkingDays}, true, false, true
	}
	n := numberLen(s)
	if n == 0 {
		return PublishedLimit{}, false, false, false
	}
	v, err := decimal.NewFromString(strings.Replace(s[:n], ",", ".", 1))
	if err != nil || v.Sign() <= 0 {
		return PublishedLimit{}, false, false, false
	}
	if v.GreaterThan(decimal.NewFromInt(maxLimitValue)) {
		return PublishedLimit{}, false, false, false
	}
	rest := strings.ToLower(strings.TrimSpace(s[n:]))
	if rest == "" {
		return PublishedLimit{Value: v, Unit: calendar.WorkingDays}, false, true, true
	}
	for _, u := range timeUnits {
		if rest == u.text {
			if u.text == "năm" {
				if v = v.Mul(decimal.NewFromInt(12)); v.GreaterThan(decimal.NewFromInt(maxLimitValue)) {
					return PublishedLimit{}, false, false, false
				}
			}
			return PublishedLimit{Value: v, Unit: u.unit}, false, false, true
		}
	}
	return PublishedLimit{}, false, false, false
}

// currencies are the currency words of fee cells, longest first.
var currencies = [...]struct{ text, code string }{
	{"Việt Nam Đồng", ""}, {"VNĐ", ""}, {"VND", ""}, {"Đồng", ""}, {"đồng", ""}, {"USD", "USD"},
}

// feeItem is one amount of a fee cell.
type feeItem struct {
	label    string // "Lệ phí", "Phí", or ""
	amount   decimal.Decimal
	currency string // "" for đồng
	per      string // "bản", "trang", … or ""
	paren    string // the text in parentheses after the amount, without them
}

var feeLabel = regexp.MustCompile(`^(?:(Lệ phí|Phí|lệ phí|phí)[^:0-9()]{0,120}?\s*:\s*)?`)

// parseFeeItems reads the amounts at the start of a fee cell ("Lệ phí: 8.000 đồng/bản",
// "150,000 Việt Nam Đồng(…)", "10 USD(/bản)"), and returns them with the length read.
func parseFeeItems(s string) ([]feeItem, int) {
	var out []feeItem
	i := 0
	for len(out) < 16 {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == ';' || s[j] == ',' || s[j] == '-' || s[j] == '+') {
			j++
		}
		var it feeItem
		if m := feeLabel.FindStringSubmatchIndex(s[j:]); m != nil && m[1] > 0 {
			it.label = s[j+m[2] : j+m[3]]
			j += m[1]
		}
		k := j
		for k < len(s) && (s[k] >= '0' && s[k] <= '9' || k > j && (s[k] == '.' || s[k] == ',') && k+1 < len(s) && s[k+1] >= '0' && s[k+1] <= '9') {
			k++
		}
		if k == j || k-j > 24 {
			break
		}
		amt, ok := parseAmount(s[j:k])
		if !ok {
			break
		}
		r := strings.TrimLeft(s[k:], " ")
		cur := -1
		for c, x := range currencies {
			if strings.HasPrefix(r, x.text) {
				cur = c
				break
			}
		}
		if cur < 0 {
			break
		}
		it.amount, it.currency = amt, currencies[cur].code
		if it.currency == "" && !amt.IsInteger() {
			break // no fraction of a đồng is published
		}
		k = len(s) - len(r) + len(currencies[cur].text)
		if k < len(s) && s[k] == '/' {
			e := k + 1
			for e < len(s) && e-k < 40 {
				r, size := utf8.DecodeRuneInString(s[e:])
				if r == ' ' {
					// A space goes on only into a word in lower case ("hồ sơ").
					if r2, _ := utf8.DecodeRuneInString(s[e+1:]); !unicode.IsLower(r2) {
						break
					}
				} else if !unicode.IsLetter(r) && r != '/' {
					break
				}
				e += size
			}
			it.per = strings.TrimSpace(s[k+1 : e])
			k = e
		}
		if k < len(s) && s[k] == '(' {
			if e := closingParen(s, k); e > k {
				it.paren = strings.TrimSpace(s[k+1 : e])
				k = e + 1
			}
		}
		if p, ok := strings.CutPrefix(it.paren, "/"); ok && it.per == "" {
			it.per, it.paren = strings.TrimSpace(p), ""
		}
		out = append(out, it)
		i = k
	}
	return out, i
}

// parseAmount reads "150,000", "8.000", "10", "1.000.000" (separators of thousands), or a
// decimal "10.5".
func parseAmount(s string) (decimal.Decimal, bool) {
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	thousands := len(groups) > 1
	for _, g := range groups[1:] {
		thousands = thousands && len(g) == 3
	}
	if thousands {
		s = strings.Join(groups, "")
	} else if len(groups) == 2 {
		s = groups[0] + "." + groups[1]
	} else if len(groups) != 1 {
		return decimal.Decimal{}, false
	}
	v, err := decimal.NewFromString(s)
	if err != nil || v.Sign() <= 0 || v.NumDigits() > 18 {
		return decimal.Decimal{}, false
	}
	return v, true
}

// closingParen returns the index of the parenthesis that closes the one at i, or -1.
func closingParen(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// splitFeeCell cuts the rest of a row after its time cell into the fee cell and the
// description.
func splitFeeCell(rest string) (fee, desc string) {
	for _, w := range [...]string{"Miễn phí", "Không có thông tin", "Không thu phí", "Không"} {
		if strings.HasPrefix(rest, w) {
			return w, rest[len(w):]
		}
	}
	if items, n := parseFeeItems(rest); len(items) > 0 {
		return rest[:n], rest[n:]
	}
	return "", rest
}

// mentionsCouncil reports whether s leaves an amount to the provincial People's Council.
func mentionsCouncil(s string) bool {
	f := Fold(s)
	return strings.Contains(f, "hoi dong nhan dan") || strings.Contains(s, "HĐND")
}

// feeOf is what a fee cell means.
type feeOf struct {
	fees []Fee
	free bool
	gaps []string // reasons
	text string   // the cell, for gaps
}

var (
	maxPerCopy = regexp.MustCompile(`tối đa (?:thu )?(?:không quá )?([\d.,]+) ?(?:đồng|Đồng|VNĐ)/ ?bản`)
	fromPage   = regexp.MustCompile(`từ trang thứ (\d+) trở lên (?:thu )?([\d.,]+) ?(?:đồng|Đồng|VNĐ)/ ?trang`)
)

// readFeeCell turns a fee cell and its row's description into fees.
func readFeeCell(cell, desc string) feeOf {
	out := feeOf{text: cell}
	switch {
	case cell == "Miễn phí" || cell == "Không thu phí" || cell == "Không":
		out.free = true
		if mentionsCouncil(desc) {
			out.gaps = append(out.gaps, "fee_conflict")
			out.text = desc
		}
		return out
	case cell == "Không có thông tin":
		return out
	case cell == "":
		if mentionsCouncil(desc[:min(len(desc), 400)]) {
			out.fees = append(out.fees, Fee{ID: "le-phi", Name: "Phí, lệ phí", Kind: CouncilFee, Note: clipRunes(desc, MaxTextLen)})
			return out
		}
		out.gaps = append(out.gaps, "fee")
		out.text = desc
		return out
	}
	items, _ := parseFeeItems(cell)
	for k, it := range items {
		f := Fee{ID: "phi-" + strconv.Itoa(k+1), Name: "Phí, lệ phí", Kind: FixedFee, Amount: it.amount, Currency: it.currency}
		if it.label != "" {
			f.Name = strings.ToUpper(it.label[:1]) + it.label[1:]
			f.ID = slug(it.label) + "-" + strconv.Itoa(k+1)
		}
		if it.per != "" {
			f.Kind, f.Per = PerUnitFee, clipRunes(it.per, MaxNameLen)
			if it.per == "bản" {
				f.Kind, f.Per, f.PerCopy = FixedFee, "", true
			}
		}
		switch {
		case it.paren == "":
		case mentionsCouncil(it.paren):
			f.Note = clipRunes("Amount set by the provincial People's Council: "+it.paren, MaxTextLen)
		case onlyFeeName(it.paren):
			// "150,000 VNĐ(Phí, lệ phí)": the remark only names the fee.
			if it.label == "" {
				f.Name = strings.TrimSpace(it.paren)
			}
		default:
			f.Note = clipRunes(it.paren, MaxTextLen)
			// A remark that repeats the amount is a note; one that gives another amount
			// contradicts the cell ("100 VNĐ(… 100.000 đồng/lần …)"); any other is a
			// condition on the fee.
			switch restates(it.paren, it.amount) {
			case 1:
			case -1:
				out.gaps = append(out.gaps, "fee_conflict")
				out.text = it.paren
			default:
				out.gaps = append(out.gaps, "fee_condition")
				out.text = it.paren
			}
		}
		if f.Kind == PerUnitFee && f.Per == "trang" {
			if m := fromPage.FindStringSubmatch(desc); m != nil {
				n, _ := strconv.Atoi(m[1])
				if a, ok := parseAmount(m[2]); ok && n > 1 {
					f.Tiers = []Tier{{UpTo: int64(n - 1), Amount: f.Amount}, {Amount: a}}
					f.Amount = decimal.Decimal{}
				}
			}
			if m := maxPerCopy.FindStringSubmatch(desc); m != nil {
				if a, ok := parseAmount(m[1]); ok {
					f.Max, f.PerCopy = a, true
				}
			}
		}
		out.fees = append(out.fees, f)
	}
	if len(items) == 0 {
		out.gaps = append(out.gaps, "fee")
	}
	return out
}

var amountInText = regexp.MustCompile(`(\d{1,3}(?:[.,]\d{3})+|\d+) ?(?:đồng|Đồng|VNĐ|VND|USD)`)

// restates reports whether a remark gives amount (1), only other amounts (-1), or none (0).
func restates(remark string, amount decimal.Decimal) int {
	ms := amountInText.FindAllStringSubmatch(remark, 8)
	if len(ms) == 0 {
		return 0
	}
	for _, m := range ms {
		if a, ok := parseAmount(m[1]); ok && a.Equal(amount) {
			return 1
		}
	}
	return -1
}

// slug writes a label as an identifier: "Lệ phí" → "le-phi".
func slug(s string) string {
	return strings.ReplaceAll(searchFold(s), " ", "-")
}

var (
	cutoffText   = regexp.MustCompile(`(?:sau|trước|đến|chậm nhất) (\d{1,2}) ?(?:giờ|h|g)(?: ?(\d{2}))?`)
	completeText = regexp.MustCompile(`(?i)kể từ (?:ngày|khi|thời điểm) (?:cơ quan [^.;]{0,60})?nhận (?:được )?(?:đủ |đầy đủ )?hồ sơ (?:đầy đủ, |đầy đủ và )?hợp lệ`)
	feePaidText  = regexp.MustCompile(`(?i)kể từ (?:ngày|khi|thời điểm) [^.;]{0,60}nộp (?:đủ )?(?:lệ phí|phí)`)
	pauseText    = regexp.MustCompile(`(?i)không tính vào thời (?:hạn|gian)`)
)

// cutoff finds a same-day cut-off such as "sau 15 giờ" or "trước 15h00" in s.
func cutoff(s string) (calendar.TimeOfDay, bool) {
	m := cutoffText.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	mm := 0
	if m[2] != "" {
		mm, _ = strconv.Atoi(m[2])
	}
	if h < 7 || h > 17 || mm > 59 {
		return 0, false
	}
	return calendar.TimeOfDay(time.Duration(h)*time.Hour + time.Duration(mm)*time.Minute), true
}

// docRow is one item of the document tables.
type docRow struct {
	section, sub string // the heading of its table and the sub-heading above it
	text         string
	originals    int
	copies       int
}

var (
	docHeader = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
	docCount  = regexp.MustCompile(`(\d{1,3}) bản chính(?:\s*,\s*(\d{1,3}) bản sao)?|(\d{1,3}) bản sao`)
	formFile  = regexp.MustCompile(`(?i)\.(docx?|pdf|xlsx?|rtf|odt|zip|rar)$`)
)

// splitDocuments cuts the document tables into items, each with the heading of its table.
func splitDocuments(s string) (rows []docRow, notes int) {
	s = cleanText(bounded(s))
	section, sub := "", ""
	for len(s) > 0 {
		h := strings.Index(s, docHeader)
		c := nextCount(s)
		switch {
		case h >= 0 && (c == nil || h < c[0]):
			section, sub = headingOf(s[:h]), ""
			s = s[h+len(docHeader):]
		case c != nil:
			text := strings.TrimSpace(s[:c[0]])
			r := docRow{section: section, sub: sub, text: text}
			switch {
			case c[2] >= 0:
				r.originals, _ = strconv.Atoi(s[c[2]:c[3]])
				if c[4] >= 0 {
					r.copies, _ = strconv.Atoi(s[c[4]:c[5]])
				}
			default:
				r.copies, _ = strconv.Atoi(s[c[6]:c[7]])
			}
			s = s[c[1]:]
			if r.originals == 0 && r.copies == 0 {
				if strings.HasSuffix(text, ":") {
					sub = headingOf(text)
				} else if text != "" {
					notes++
				}
				continue
			}
			rows = append(rows, r)
		default:
			s = ""
		}
	}
	return rows, notes
}

// nextCount finds the next number of copies that ends an item: "1 bản chính" after a space,
// or followed by a word in lower case ("01 bản chính nội dung tham vấn"), is part of a text.
func nextCount(s string) []int {
	off := 0
	for {
		c := docCount.FindStringSubmatchIndex(s[off:])
		if c == nil {
			return nil
		}
		for i := range c {
			if c[i] >= 0 {
				c[i] += off
			}
		}
		rest := s[c[1]:]
		r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(rest, " "))
		// The cells of the table run together: a count after a space is prose ("- 01 bản
		// chính Báo cáo …", "…: 01 bản sao Báo cáo …").
		prose := c[0] > 0 && s[c[0]-1] == ' '
		if !(strings.HasPrefix(rest, " ") && unicode.IsLower(r)) && !prose {
			return c
		}
		off = c[1]
	}
}

// headingOf cleans a heading: "* Giấy tờ phải xuất trình:" → "Giấy tờ phải xuất trình".
func headingOf(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "-*+•:; "))
}

// splitForm cuts a document cell into the name and the file of its form, if any
// ("Tờ khai … (Mẫu CT01 …).1.MuCT01….doc").
func splitForm(s string) (name, form string) {
	if !formFile.MatchString(s) {
		return s, ""
	}
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '.' && s[i-1] == ')' && s[i+1] != ' ' {
			return s[:i+1], s[i+1:]
		}
	}
	if i := strings.LastIndexByte(s, ';'); i > 0 && !strings.Contains(s[i+1:], " ") {
		return s[:i], s[i+1:] // "…;Phulucso4a.docx"
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 && formFile.MatchString(s[i+1:]) && strings.Count(s[i+1:], ".") > 1 {
		return s[:i], s[i+1:] // "… Mau.01.docx"
	}
	return s, "" // no sure boundary: the name is kept whole
}

var (
	// legalCode matches a document code: number/year/type and its issuers, "54/2014/QH13",
	// "33/2016/QĐ-TTg" (the Prime Minister), "26/2005/PL-UBTVQH11" (the Standing Committee
	// of the National Assembly), "191/2005/TTLT/BQP-BLĐTBXH-BTC", "21/2008/TTLT- BQP-…"
	// (a space after the hyphen, two capitals at least after it); or number/type, "QĐ-BCA".
	legalCode = regexp.MustCompile(`\d{1,3}/\d{4}/(?:(?:UBTV)?QH\d{2}|[A-ZĐ]{1,6}` + legalIssuers + `)|\d{1,5}/(?:QĐ|NQ|CT|KH|TB)(?:-(?:TTg|[A-ZĐ]{1,8}))*(?:-C\d{2})?`)
	// legalIssuers are the parts of a code after its type.
	legalIssuers = `(?:-(?:TTg|UBTVQH\d{2}|[A-ZĐ]{1,8})|- [A-ZĐ]{2,8}|/[A-ZĐ]{2,8})*`
	resultCode   = regexp.MustCompile(`Mã:\s*([A-Z0-9][A-Z0-9.\-]*\d)`)
	legalHeader  = "Tên văn bản pháp lýMã văn bản"
)

// splitLegalBasis reads the legal-basis table, pairs of a title and a document code run
// together, into entries "title code"; unclear holds the indexes of the entries whose pairing
// the table leaves open (see gluedCodes); rest is the text left unread.
func splitLegalBasis(s string) (entries []string, unclear []int, rest string) {
	s = cleanText(bounded(s))
	if i := strings.Index(s, legalHeader); i >= 0 {
		s = s[i+len(legalHeader):]
	}
	start, prevEnd, prev := 0, -1, ""
	for _, m := range legalCode.FindAllStringIndex(s, -1) {
		a, b := m[0], m[1]
		// The code cell repeats the code that ends the title, and an all-capital title
		// follows: "82/2015/NĐ-CP82/2015/NĐ-CPQUY ĐỊNH…" is 82/2015/NĐ-CP, then "QUY ĐỊNH…".
		if a == prevEnd && len(s[a:b]) > len(prev) && strings.HasPrefix(s[a:b], prev) {
			b = a + len(prev)
		}
		prevEnd, prev = m[1], s[m[0]:m[1]]
		// The number of a code run together with a year before it: "Luật Cư trú
		// 202068/2020/QH14" is 68/2020/QH14, "năm 201102/2011/QH13" is 02/2011/QH13.
		slash := a + strings.IndexByte(s[a:b], '/')
		r := a
		for r > 0 && s[r-1] >= '0' && s[r-1] <= '9' {
			r--
		}
		if run := s[r:slash]; len(run) >= 5 && (strings.HasPrefix(run, "19") || strings.HasPrefix(run, "20")) {
			a = r + 4
		} else if slash-a == 3 && s[a] == '0' {
			a++
		}
		// "…/TT-BCALuật …": the capital that starts the next title is not the code's.
		if last, size := utf8.DecodeLastRuneInString(s[a:b]); unicode.IsUpper(last) && b < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[b:]); unicode.IsLower(next) && s[b-size-1] != '-' && s[b-size-1] != '/' &&
				titleStart(s[b-size:]) {
				b -= size
			}
		}
		if a < start {
			continue
		}
		// The code cell repeats a code of its title and the next title follows at once:
		// "…Luật Đất đai.102/2024/NĐ-CPThực hiện…" is 102/2024/NĐ-CP, then "Thực hiện…".
		if b < len(s) {
			for _, c := range legalCode.FindAllString(s[start:a], -1) {
				if len(c) < b-a && strings.HasPrefix(s[a:b], c) {
					b = a + len(c)
					break
				}
			}
		}
		// A pair ends with its code cell, followed by the next title (a capital letter) or
		// the end, or, when the code cell repeats a code of its own title, by the code or the
		// word in lower case that starts the next title ("Luật 25/2008/QH12 - Bảo hiểm y
		// tế25/2008/QH1246/2014/QH13 Sửa…", "Thông tư 13/2022/TT-BNNPTNT13/2022/TT-BNNPTNTsửa…").
		// A code that ends with the number of its legislature cannot go on: the word in lower
		// case after it starts the next title ("Kinh doanh bảo hiểm24/2000/QH10về bảo hiểm…").
		title, code := strings.TrimSpace(s[start:a]), s[a:b]
		next, _ := utf8.DecodeRuneInString(s[b:])
		// A code cell that repeats its title's code may also end with spaces or a tab before the
		// next title ("Thông tư 37/2011/TT-NHNN37/2011/TT-NHNN\t Thông tư 17/2011/…").
		repeats := strings.Contains(title, code)
		closed := repeats || code[len(code)-1] >= '0' && code[len(code)-1] <= '9'
		after, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[b:], " "))
		if b < len(s) && !unicode.IsUpper(next) && !(unicode.IsDigit(next) && repeats) &&
			!(unicode.IsLower(next) && closed) && !(next == ' ' && repeats && unicode.IsUpper(after)) {
			continue
		}
		if gluedCodes(title, code) {
			unclear = append(unclear, len(entries))
		}
		entry := title
		if !strings.Contains(title, code) {
			entry = strings.TrimSpace(clipRunes(title, MaxNameLen-utf8.RuneCountInString(code)-1) + " " + code)
		} else {
			entry = clipRunes(title, MaxNameLen)
		}
		entries = append(entries, entry)
		start = b
	}
	return entries, unclear, strings.TrimSpace(s[start:])
}

// gluedCodes reports whether the title of a legal-basis pair holds a code run together with
// what follows so that the table does not say where a pair ends: two different codes,
// "…31/2013/NĐ-CP26/2005/PL-UBTVQH11 - Ưu đãi…" (the first may end the pair before or be part
// of the title), or a code other than the pair's and a word in lower case, "Luật
// 79/2015/QH13quy định chi tiết…" (a title that does not start with a capital, joined to the
// pair before), or a code run into the word before it ("…Luật thú y35/2016/NĐ-CP sửa đổi…");
// "Thông tư số 53/2025/TT-BCAngày…" with the code 53/2025/TT-BCA is a title,
// and so is a title that ends with the code the code cell amends, "…số 171/2016/NĐ-CP" before
// 86/2020/NĐ-CP.
func gluedCodes(title, code string) bool {
	s := title
	ms := legalCode.FindAllStringIndex(s, -1)
	for i, m := range ms {
		if i > 0 && m[0] == ms[i-1][1] && s[ms[i-1][0]:ms[i-1][1]] != s[m[0]:m[1]] {
			return true
		}
		if next, _ := utf8.DecodeRuneInString(s[m[1]:]); unicode.IsLower(next) && s[m[0]:m[1]] != code {
			return true
		}
		// A code run into the word before it is a code cell inside the title: "…của Luật thú
		// y35/2016/NĐ-CP sửa đổi…".
		if prev, _ := utf8.DecodeLastRuneInString(s[:m[0]]); unicode.IsLetter(prev) {
			return true
		}
	}
	return false
}

// splitResults reads the results, names each followed by "Mã: KQ…", up to the page's
// "Từ khóa".
func splitResults(s string) []Result {
	s = cleanText(bounded(s))
	if i := strings.Index(s, "Từ khóa"); i >= 0 {
		s = s[:i]
	}
	var out []Result
	start := 0
	for _, m := range resultCode.FindAllStringSubmatchIndex(s, -1) {
		name, code := strings.TrimSpace(s[start:m[0]]), s[m[2]:m[3]]
		if !isResultCode(code) {
			// A code in another form ("G19-KQ006098") is kept in the name.
			name, code = name+" (mã "+code+")", ""
		}
		if name != "" {
			out = append(out, Result{Name: clipRunes(name, MaxNameLen), Code: code})
		}
		start = m[1]
	}
	if tail := strings.TrimSpace(s[start:]); tail != "" && !noInfo(tail) {
		out = append(out, Result{Name: clipRunes(tail, MaxNameLen)})
	}
	return out
}

// titleWords are the words a title of the legal-basis table starts with.
var titleWords = [...]string{"Luật", "Thông", "Nghị", "Quyết", "Quy", "Về", "Sửa", "Hướng", "Bộ", "Văn", "Pháp",
	"Chỉ", "Công", "Hiến", "Lệnh", "Điều", "Ban", "Kế", "Hợp", "Chương", "Tiêu", "Danh", "Biểu", "Mức", "Phí", "Lệ",
	"Nhập", "Xuất", "Quản", "Bảo", "Đăng", "Cấp", "Chế", "Ưu"}

// titleStart reports whether s starts with a word that starts a title.
func titleStart(s string) bool {
	for _, w := range titleWords {
		if strings.HasPrefix(s, w) {
			r, _ := utf8.DecodeRuneInString(s[len(w):])
			if !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}
