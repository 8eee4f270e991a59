package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
)

// Record is a procedure record as the National Database on Administrative Procedures publishes
// it on the National Public Service Portal, under the field names of public crawls of the
// portal: the tables of the page (channels, documents, legal bases, results) are the text of
// their cells run together, headings included. Other keys of a record are ignored.
type Record struct {
	// Code is "Mã thủ tục", e.g. "1.001193".
	Code string `json:"ma_thu_tuc"`
	// Name is "Tên thủ tục".
	Name string `json:"ten_thu_tuc"`
	// Decision is "Số quyết định", the decision that published the procedure.
	Decision string `json:"so_quyet_dinh"`
	// Levels is "Cấp thực hiện", e.g. "Cấp bộ, Cấp xã".
	Levels string `json:"cap_thuc_hien"`
	// Field is "Lĩnh vực", e.g. "Hộ tịch".
	Field string `json:"linh_vuc"`
	// Competent is "Cơ quan có thẩm quyền"; often empty.
	Competent string `json:"co_quan_co_tham_quyen"`
	// Agency is "Cơ quan thực hiện".
	Agency string `json:"co_quan_thuc_hien"`
	// Steps is "Trình tự thực hiện".
	Steps string `json:"trinh_tu_thuc_hien"`
	// Channels is "Cách thức thực hiện", the table "Hình thức nộp | Thời gian | Phí, lệ phí |
	// Mô tả".
	Channels string `json:"cach_thuc_thuc_hien"`
	// Documents is "Thành phần hồ sơ", the tables "Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng".
	Documents string `json:"thanh_phan_ho_so"`
	// LegalBasis is "Căn cứ pháp lý", the table "Tên văn bản pháp lý | Mã văn bản".
	LegalBasis string `json:"can_cu_phap_ly"`
	// Results is "Kết quả xử lý", names each followed by "Mã: KQ…".
	Results string `json:"ket_qua_xu_ly"`
}

// ImportOptions are the facts an import needs that a record does not give.
type ImportOptions struct {
	// EffectiveFrom is the first day of the imported versions: the records carry no date of
	// the decision that published them. Zero is a gap of every record.
	EffectiveFrom Date
}

// Imported is one record as imported: the procedure built from it, and what could not be read
// from it, which a person must finish. A procedure with no gaps may still break a rule of the
// catalog (Load reports it), e.g. a district level after 2025-06-30.
type Imported struct {
	Procedure Procedure
	Gaps      []Gap
}

// Gap is a part of a record the importer could not turn into catalog data.
type Gap struct {
	// Path is the JSON path of the part of the procedure concerned, e.g. "limits.counter",
	// "fees", "documents[2].name".
	Path string `json:"path"`
	// Source is the key of the record it comes from, e.g. "cach_thuc_thuc_hien".
	Source string `json:"source"`
	// Reason names what was not read (see the package doc): "code", "name", "effective_from",
	// "levels", "agency", "channels", "limit", "fee", "fee_condition", "fee_conflict",
	// "extra_row", "documents", "too_long", "legal_basis", "results", "pauses", "same_day".
	Reason string `json:"reason"`
	// Text is the published text, cut at 64 characters.
	Text string `json:"text,omitempty"`
}

// Message says in lang what a person must do, e.g. `limits.counter: thời hạn "Theo quy định"
// không đọc được`.
func (g Gap) Message(lang language.Tag) string {
	vi, en := gapText(g.Reason)
	text := ""
	if g.Text != "" {
		text = " " + msg.Quote(g.Text)
	}
	return g.Path + ": " + msg.Pick(lang, vi, en) + text
}

// Error reads as Message in English.
func (g Gap) Error() string { return g.Message(language.English) }

func gapText(reason string) (vi, en string) {
	switch reason {
	case "code":
		return "mã thủ tục không đúng dạng N.NNNNNN", "the code is not of the form N.NNNNNN"
	case "name":
		return "thiếu tên thủ tục hoặc tên quá dài", "the name is missing or too long"
	case "effective_from":
		return "bản ghi không có ngày hiệu lực: cần nhập", "the record has no effective date: enter one"
	case "levels":
		return "cấp thực hiện không đọc được", "the level could not be read"
	case "agency":
		return "không có cơ quan có thẩm quyền hoặc cơ quan thực hiện", "no competent or implementing agency"
	case "channels":
		return "không đọc được hình thức nộp nào", "no channel could be read"
	case "limit":
		return "thời hạn không đọc được", "the time limit could not be read"
	case "fee":
		return "phí, lệ phí không đọc được", "the fee could not be read"
	case "fee_condition":
		return "mức phí kèm điều kiện: cần tách thành trường hợp", "the fee has a condition: make it a case"
	case "fee_conflict":
		return "mức phí trái với phần mô tả của nó", "the fee contradicts its own description"
	case "extra_row":
		return "hình thức nộp có thêm một dòng: đã tạo trường hợp, cần đặt tên", "another row for the channel: made a case, name it"
	case "documents":
		return "không đọc được thành phần hồ sơ", "the documents could not be read"
	case "too_long":
		return "văn bản quá dài, đã cắt", "the text is too long and was cut"
	case "legal_basis":
		return "không đọc được căn cứ pháp lý", "the legal basis could not be read"
	case "results":
		return "không đọc được kết quả", "the results could not be read"
	case "pauses":
		return "có thời gian không tính vào thời hạn: cần nhập", "periods that do not count are described: enter them"
	case "same_day":
		return "có giờ chốt tiếp nhận cho một số hồ sơ: cần xác định trường hợp", "a cut-off is given for some dossiers: say which case"
	}
	return "cần kiểm tra", "needs checking"
}

// ImportRecords reads records from r (one JSON object, an array of them, or one object a line)
// and imports each with Import. The error is for input that is not JSON records; a record
// that cannot be read whole still gives a procedure with its gaps.
func ImportRecords(r io.Reader, opts ImportOptions) ([]Imported, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte(utf8BOM))
	var recs []Record
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &recs); err != nil {
			return nil, err
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var rec Record
			err := dec.Decode(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, err
			}
			recs = append(recs, rec)
		}
	}
	out := make([]Imported, len(recs))
	for i := range recs {
		out[i] = Import(recs[i], opts)
	}
	return out, nil
}

// Import builds a procedure (version 1, from opts.EffectiveFrom) from a record and lists what
// it could not read:
//   - the channel table gives the channels offered, a limit per channel ("15 Ngày làm việc",
//     "1.5 Ngày làm việc", "1,5 ngày làm việc", "30 Ngày", "1 Giờ" in clock hours, "Trong ngày",
//     a bare "3" read as working days as the database means it, "Không có thông tin" as a
//     limit not published) and its fees ("Miễn phí", "Lệ phí: 8.000 đồng/bản", "150,000 Việt
//     Nam Đồng", "10 USD(/bản)", "theo Nghị quyết của HĐND"), one fee per channel when they
//     differ; a second row for a channel becomes a case to be named;
//   - the same-day rule from "Trong ngày" or a 15:00 (or other) cut-off in the description or
//     the steps, on the whole procedure;
//   - the start of the clock from "kể từ ngày nhận đủ hồ sơ hợp lệ" and the like;
//   - the documents with their numbers of originals and copies, headings as conditions;
//   - the legal bases by their document codes, and the results with their codes; an entry whose
//     pairing of title and code the table leaves open (codes run together) is a gap.
//
// A fee remark that only names the fee ("150,000 VNĐ(Phí thẩm định …)") gives the fee's name;
// one that sets a condition or another amount is kept as a note and leaves a gap. The sector is chosen from the field by keywords (Sector
// "other" when none matches). On 102 records of the National Database chosen by rule
// (testdata/sample of this package, every 6th record of six ministries), 57 come in without a
// gap; its README says what the others need a person for.
func Import(r Record, opts ImportOptions) Imported {
	var im importer
	im.rec = &r
	p := &im.p
	p.Code = NationalCode(cleanText(r.Code))
	if !isNationalCode(string(p.Code)) {
		im.gap("code", "ma_thu_tuc", "code", r.Code)
	}
	p.Version = 1
	p.EffectiveFrom = opts.EffectiveFrom
	if p.EffectiveFrom == 0 {
		im.gap("effective_from", "", "effective_from", "")
	}
	p.Name = cleanText(r.Name)
	if p.Name == "" || utf8.RuneCountInString(p.Name) > MaxNameLen {
		im.gap("name", "ten_thu_tuc", "name", r.Name)
	}
	p.Field = cleanText(r.Field)
	p.Sector = sectorOf(p.Field)
	im.levels()
	im.agency()
	im.channels()
	im.documents()
	im.legalBasis()
	im.results()
	notes := []string{"Imported from the national record " + clipRunes(string(p.Code), MaxNameLen)}
	if d := cleanText(r.Decision); d != "" {
		notes[0] += " (" + d + ")"
	}
	notes = append(notes, im.notes...)
	p.Note = clipRunes(strings.Join(notes, ". ")+".", MaxTextLen)
	normalize(p)
	return Imported{Procedure: im.p, Gaps: im.gaps}
}

// importer holds the procedure being built from a record and what it could not read.
type importer struct {
	rec   *Record
	p     Procedure
	gaps  []Gap
	notes []string
}

func (im *importer) gap(path, source, reason, text string) {
	im.gaps = append(im.gaps, Gap{Path: path, Source: source, Reason: reason, Text: msg.Clip(cleanText(text))})
}

// noInfo reports whether a published cell says nothing.
func noInfo(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.EqualFold(s, "Không có thông tin") || s == "Không"
}

func (im *importer) levels() {
	seen := map[Level]bool{}
	for _, part := range strings.Split(im.rec.Levels, ",") {
		f := Fold(part)
		var l Level
		switch {
		case f == "":
			continue
		case strings.Contains(f, "co quan khac"):
			l = Other
		case strings.Contains(f, "cap bo"), strings.Contains(f, "trung uong"):
			l = Central
		case strings.Contains(f, "cap tinh"):
			l = Province
		case strings.Contains(f, "cap huyen"):
			l = District
		case strings.Contains(f, "cap xa"):
			l = Commune
		default:
			im.gap("levels", "cap_thuc_hien", "levels", part)
			continue
		}
		if !seen[l] {
			seen[l] = true
			im.p.Levels = append(im.p.Levels, l)
		}
	}
	if len(im.p.Levels) == 0 && !hasGap(im.gaps, "levels") {
		im.gap("levels", "cap_thuc_hien", "levels", im.rec.Levels)
	}
}

func hasGap(gs []Gap, reason string) bool {
	for _, g := range gs {
		if g.Reason == reason {
			return true
		}
	}
	return false
}

func (im *importer) agency() {
	name, src := cleanText(im.rec.Competent), "co_quan_co_tham_quyen"
	if noInfo(name) {
		name, src = cleanText(im.rec.Agency), "co_quan_thuc_hien"
	}
	if noInfo(name) || utf8.RuneCountInString(name) > MaxNameLen {
		im.gap("competent_agency.name", src, "agency", name)
		return
	}
	im.p.CompetentAgency = Agency{Name: name}
}

// cleanText trims s, turns the literal "\n" of crawled text into line breaks' spaces, runs of
// white space into one space, and bytes that are not UTF-8 into U+FFFD.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, `\n`, " ")
	s = strings.ReplaceAll(s, `\t`, " ")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}

// clipRunes cuts s at n characters, at a space where it can, marking the cut with "…".
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n-1]
	cut := string(rs)
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// sectorOf chooses the sector of a field by its words (folded), the first match winning.
func sectorOf(field string) Sector {
	f := Fold(field)
	for _, k := range [...]struct {
		word   string
		sector Sector
	}{
		{"ho tich", Justice}, {"chung thuc", Justice}, {"quoc tich", Justice}, {"nuoi con nuoi", Justice},
		{"ly lich tu phap", Justice}, {"cong chung", Justice}, {"luat su", Justice}, {"tro giup phap ly", Justice},
		{"hoa giai", Justice}, {"boi thuong nha nuoc", Justice}, {"thi hanh an", Justice}, {"giam dinh tu phap", Justice},
		{"dau gia", Justice}, {"trong tai", Justice}, {"pho bien", Justice}, {"tu phap", Justice}, {"thua phat lai", Justice},
		{"quan tai vien", Justice}, {"tu van phap luat", Justice}, {"dang ky bien phap bao dam", Justice},
		{"dat dai", Land}, {"do dac", Land},
		{"xay dung", Construction}, {"quy hoach", Construction}, {"nha o", Construction}, {"kinh doanh bat dong san", Construction},
		{"ha tang ky thuat", Construction}, {"kien truc", Construction}, {"vat lieu xay dung", Construction},
		{"doanh nghiep", Business}, {"ho kinh doanh", Business}, {"hop tac xa", Business}, {"dau tu", Business},
		{"cu tru", Security}, {"can cuoc", Security}, {"xuat nhap canh", Security}, {"xuat canh", Security},
		{"phong chay", Security}, {"vu khi", Security}, {"an ninh", Security}, {"con dau", Security},
		{"dang ky, quan ly phuong tien", Security}, {"dang ky xe", Security}, {"cong an", Security},
		{"dang kiem", Transport}, {"duong bo", Transport}, {"duong sat", Transport}, {"duong thuy", Transport},
		{"hang hai", Transport}, {"hang khong", Transport}, {"giao thong", Transport}, {"van tai", Transport},
		{"moi truong", Environment}, {"tai nguyen nuoc", Environment}, {"khi tuong", Environment}, {"bien va hai dao", Environment},
		{"dia chat", Environment}, {"khoang san", Environment}, {"bien doi khi hau", Environment}, {"vien tham", Environment},
		{"ngan hang", Finance}, {"tien te", Finance}, {"ngoai hoi", Finance}, {"tin dung", Finance}, {"thanh toan", Finance},
		{"thue", Finance}, {"hai quan", Finance}, {"kho bac", Finance}, {"chung khoan", Finance}, {"bao hiem", Finance},
		{"tai chinh", Finance}, {"gia", Finance}, {"ke toan", Finance}, {"kiem toan", Finance}, {"ngan sach", Finance},
		{"cong san", Finance}, {"du tru", Finance}, {"vang", Finance}, {"xo so", Finance}, {"phat hanh", Finance},
		{"nong nghiep", Agriculture}, {"thu y", Agriculture}, {"trong trot", Agriculture}, {"bao ve thuc vat", Agriculture},
		{"thuy san", Agriculture}, {"lam nghiep", Agriculture}, {"chan nuoi", Agriculture}, {"thuy loi", Agriculture},
		{"de dieu", Agriculture}, {"phong, chong thien tai", Agriculture}, {"nong thon", Agriculture}, {"kiem lam", Agriculture},
		{"lao dong", Labour}, {"nguoi co cong", Labour}, {"bao tro xa hoi", Labour}, {"viec lam", Labour},
		{"van hoa", Culture}, {"the thao", Culture}, {"du lich", Culture}, {"di san", Culture},
		{"y te", Health}, {"duoc", Health}, {"kham benh", Health},
		{"giao duc", Education}, {"dao tao", Education},
	} {
		if containsPhrase(f, k.word) {
			return k.sector
		}
	}
	return OtherSector
}

// rowOf is a channel row as read.
type rowOf struct {
	row   channelRow
	limit PublishedLimit
	fee   feeOf
	key   string // what the fees are, to compare rows
}

func feeKey(f feeOf) string {
	var b strings.Builder
	if f.free {
		b.WriteString("free")
	}
	for _, x := range f.fees {
		b.WriteString(string(x.Kind) + x.Amount.String() + x.Currency + x.Per + strconv.FormatBool(x.PerCopy) + ";")
	}
	return b.String()
}

func (im *importer) channels() {
	p := &im.p
	rows := splitChannelRows(im.rec.Channels)
	if len(rows) == 0 {
		im.gap("limits", "cach_thuc_thuc_hien", "channels", im.rec.Channels)
		return
	}
	steps := cleanText(bounded(im.rec.Steps))
	var first [Postal + 1]*rowOf
	var order []Channel
	sameDay, bare := false, false
	var extra []rowOf
	texts := steps
	for _, r := range rows {
		ro := rowOf{row: r}
		texts += " " + r.desc
		l, sd, b, ok := parseLimitText(r.time)
		path := "limits." + r.ch.String()
		if !ok {
			im.gap(path, "cach_thuc_thuc_hien", "limit", r.time)
			l = PublishedLimit{Unpublished: true}
		}
		if l.Unpublished && ok {
			// Not in the table: the row's own words may give it ("trong thời hạn 03 ngày làm
			// việc"); otherwise the limit stays unpublished.
			if fl, found := limitInText(r.desc); found {
				l = fl
				im.notes = append(im.notes, "The "+r.ch.String()+" limit is taken from the description of its row")
			}
		}
		sameDay = sameDay || sd
		bare = bare || b
		ro.limit = l
		ro.fee = readFeeCell(r.fee, r.desc)
		ro.key = feeKey(ro.fee)
		if first[r.ch] == nil {
			x := ro
			first[r.ch] = &x
			order = append(order, r.ch)
			continue
		}
		f := first[r.ch]
		if f.limit.String() == ro.limit.String() && f.key == ro.key {
			continue // the same row again
		}
		extra = append(extra, ro)
	}
	if bare {
		im.notes = append(im.notes, "The record gives a time limit without its unit: working days")
	}
	// Limits.
	for _, ch := range order {
		p.Limits.set(ch, first[ch].limit)
	}
	// The same-day rule and the clock.
	// The same-day rule: "Trong ngày", or a dossier "received after 15:00" returned the next
	// working day, said of every dossier ("tiếp nhận hồ sơ sau 15 giờ"); a cut-off said of some
	// dossiers only is left to a person.
	cut, hasCut := cutoff(texts)
	whole := sameDayText.MatchString(texts) && shortLimits(p.Limits)
	switch {
	case (sameDay || whole) && hasCut:
		p.SameDay = &SameDay{Cutoff: cut}
	case sameDay:
		p.SameDay = &SameDay{}
	case hasCut:
		im.gap("same_day", "trinh_tu_thuc_hien", "same_day", cutoffText.FindString(texts))
	}
	if m := completeText.FindString(texts); m != "" {
		p.Clock = &Clock{Start: CompleteDossier, StartText: m}
	} else if m := feePaidText.FindString(texts); m != "" {
		p.Clock = &Clock{Start: FeePaid, StartText: m}
	}
	if m := pauseText.FindStringIndex(texts); m != nil {
		im.gap("clock.pauses", "trinh_tu_thuc_hien", "pauses", texts[max(0, m[0]-40):min(len(texts), m[1]+20)])
	}
	// Fees: one list when every channel has the same, else one fee per channel group.
	same := true
	for _, ch := range order[1:] {
		same = same && first[ch].key == first[order[0]].key
	}
	for _, ch := range order {
		fo := first[ch].fee
		for _, g := range fo.gaps {
			im.gap("fees", "cach_thuc_thuc_hien", g, fo.text)
		}
		if same {
			break
		}
	}
	if same {
		p.Fees = first[order[0]].fee.fees
	} else {
		done := map[string]bool{}
		for _, ch := range order {
			k := first[ch].key
			if done[k] {
				continue
			}
			done[k] = true
			var chs []Channel
			for _, c := range order {
				if first[c].key == k {
					chs = append(chs, c)
				}
			}
			for _, f := range first[ch].fee.fees {
				f.Channels = chs
				f.ID += "-" + slug(chs[0].String())
				p.Fees = append(p.Fees, f)
			}
		}
	}
	// Another row for a channel is a case, to be named by a person.
	for k, ro := range extra {
		c := Case{ID: "truong-hop-" + strconv.Itoa(k+2), Name: "Trường hợp " + strconv.Itoa(k+2)}
		if ro.row.desc != "" {
			c.Note = clipRunes(ro.row.desc, MaxTextLen)
		}
		if ro.limit.String() != first[ro.row.ch].limit.String() {
			c.Limits.set(ro.row.ch, ro.limit)
		}
		if ro.key != first[ro.row.ch].key {
			c.Fees = ro.fee.fees
			for i := range c.Fees {
				c.Fees[i].ID += "-" + c.ID
			}
		}
		p.Cases = append(p.Cases, c)
		im.gap("cases["+strconv.Itoa(k)+"]", "cach_thuc_thuc_hien", "extra_row", ro.row.time+" "+ro.row.fee)
	}
}

var sameDayText = regexp.MustCompile(`tiếp nhận hồ sơ sau \d{1,2} ?giờ[^.;]{0,120}ngày làm việc tiếp theo`)

// shortLimits reports whether every published limit is at most 1 working day.
func shortLimits(ls Limits) bool {
	for _, l := range [...]*PublishedLimit{ls.Counter, ls.Online, ls.Postal} {
		if l == nil || l.Unpublished {
			continue
		}
		cl, err := l.Calendar()
		if h, ok := workingHours(cl); err != nil || !ok || h > HoursPerWorkingDay {
			return false
		}
	}
	return true
}

var listNumber = regexp.MustCompile(`^\d{1,2}\. `)

var limitInDesc = regexp.MustCompile(`(?i)(?:trong )?thời hạn (\d{1,3}(?:[.,]\d)?) (ngày làm việc|ngày|giờ làm việc|giờ|tháng)`)

// limitInText finds one limit in a description ("trong thời hạn 03 ngày làm việc"); found is
// false when there is none, or more than one that differ.
func limitInText(s string) (PublishedLimit, bool) {
	var got *PublishedLimit
	for _, m := range limitInDesc.FindAllStringSubmatch(s, 8) {
		l, _, _, ok := parseLimitText(m[1] + " " + strings.ToLower(m[2]))
		if !ok || l.Unpublished {
			return PublishedLimit{}, false
		}
		if got != nil && got.String() != l.String() {
			return PublishedLimit{}, false
		}
		got = &l
	}
	if got == nil {
		return PublishedLimit{}, false
	}
	return *got, true
}

func (im *importer) documents() {
	rows, notes := splitDocuments(im.rec.Documents)
	if len(rows) == 0 {
		im.gap("documents", "thanh_phan_ho_so", "documents", im.rec.Documents)
		return
	}
	for k, r := range rows {
		text := strings.TrimSpace(strings.TrimLeft(r.text, "-+*•. "))
		text = listNumber.ReplaceAllString(text, "")
		text = strings.TrimRight(text, "; ")
		name, form := splitForm(text)
		d := Document{Name: strings.TrimRight(name, "; "), Originals: r.originals, Copies: r.copies, Requirement: Required,
			Form: clipRunes(form, MaxNameLen)}
		heading := r.sub
		if heading == "" {
			heading = r.section
		}
		hf := Fold(heading)
		if strings.Contains(hf, "xuat trinh") {
			d.Presented = true
		}
		nf := Fold(d.Name)
		switch {
		case strings.HasPrefix(hf, "truong hop") || strings.HasPrefix(hf, "doi voi"):
			d.Requirement, d.Condition = Conditional, clipRunes(heading, MaxTextLen)
		case strings.HasPrefix(nf, "truong hop") || strings.Contains(nf, "(neu co)"):
			d.Requirement, d.Condition = Conditional, clipRunes(d.Name, MaxTextLen)
		}
		if utf8.RuneCountInString(d.Name) > MaxNameLen {
			im.gap("documents["+strconv.Itoa(k)+"].name", "thanh_phan_ho_so", "too_long", d.Name)
			d.Name = clipRunes(d.Name, MaxNameLen)
		}
		if d.Name == "" {
			im.gap("documents["+strconv.Itoa(k)+"].name", "thanh_phan_ho_so", "documents", r.text)
		}
		im.p.Documents = append(im.p.Documents, d)
	}
	if notes > 0 {
		im.notes = append(im.notes, msg.Plural(notes, "note", "notes")+" of the document table (rows without a number of copies) left out")
	}
}

func (im *importer) legalBasis() {
	entries, unclear, rest := splitLegalBasis(im.rec.LegalBasis)
	im.p.LegalBasis = entries
	if len(entries) == 0 || (rest != "" && !noInfo(rest)) {
		im.gap("legal_basis", "can_cu_phap_ly", "legal_basis", rest)
	}
	for _, k := range unclear {
		im.gap("legal_basis["+strconv.Itoa(k)+"]", "can_cu_phap_ly", "legal_basis", entries[k])
	}
}

func (im *importer) results() {
	im.p.Results = splitResults(im.rec.Results)
	if len(im.p.Results) == 0 {
		im.gap("results", "ket_qua_xu_ly", "results", im.rec.Results)
	}
}
