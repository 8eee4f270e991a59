package dossier_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// counter is an in-memory sequence source; a real one lives in the embedder's database.
type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) Next(_ context.Context, unit string, day date.Date) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[unit+day.String()]++
	return c.n[unit+day.String()], nil
}

func vn(s string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.Zone())
	return t
}

// A birth registration received at the counter, appraised by one agency and decided by
// another, with the receipt, transfer and control slips.
func Example() {
	rules, err := dossier.NewRules(dossier.RulesConfig{})
	if err != nil {
		panic(err)
	}
	const desk, justice, chair = "000.00.00.H49", "000.00.12.H49", "000.00.15.H49"
	clerk := dossier.Actor{ID: "tn-01", Role: dossier.RoleClerk, Agency: desk}
	appraiser := dossier.Actor{ID: "tp-02", Role: dossier.RoleOfficer, Agency: justice}
	signer := dossier.Actor{ID: "ct-01", Role: dossier.RoleOfficer, Agency: chair}

	received := vn("2025-03-04 15:20") // Tuesday, after 15:00
	d, err := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "2025-01", Name: "Đăng ký khai sinh"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Trần Thị Bình", CitizenID: "022190012345",
			Address: dossier.Address{Line: "Tổ 3, khu 5", UnitCode: "06655", UnitName: "Phường Hồng Gai, Quảng Ninh"}},
		Channel:   procedure.Counter,
		Desk:      desk,
		Agency:    justice,
		Limit:     calendar.Limit{N: 3, Unit: calendar.WorkingDays},
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
	}, clerk, received)
	if err != nil {
		panic(err)
	}
	code, _ := dossier.IssueCode(context.Background(), &counter{}, desk, received)
	if _, err := d.Apply(dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: code}, received); err != nil {
		panic(err)
	}
	receipt, _ := d.ReceiptSlip()
	fmt.Print(receipt.Text())
	fmt.Println("transfer by:", d.TransferDue().Format("02/01 15:04"))

	steps := []dossier.StepRecord{
		{ID: "appraise", Agency: justice, Task: "Thẩm định", Due: vn("2025-03-07 11:30")},
		{ID: "sign", Agency: chair, Task: "Ký giấy khai sinh", Due: d.Deadline.Due},
	}
	for _, c := range []struct {
		cmd dossier.Command
		at  string
	}{
		{dossier.Command{Kind: dossier.Transfer, Actor: clerk, Steps: steps}, "2025-03-05 07:30"},
		{dossier.Command{Kind: dossier.Start, Actor: appraiser}, "2025-03-05 07:45"},
		{dossier.Command{Kind: dossier.Handoff, Actor: appraiser}, "2025-03-06 16:00"},
		{dossier.Command{Kind: dossier.Resolve, Actor: signer, Reference: "25/2025"}, "2025-03-07 10:00"},
	} {
		if _, err := d.Apply(c.cmd, vn(c.at)); err != nil {
			panic(err)
		}
	}
	fmt.Println("state:", d.State, "— national status", int(d.State.Status()), d.State.Status())
	control, _ := d.ControlSlip(vn("2025-03-07 10:00"))
	fmt.Print(control.Text())

	// Output:
	// GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
	// Bộ phận tiếp nhận: 000.00.00.H49
	// Mã hồ sơ: 000.00.00.H49-250304-0001
	// Người nộp: Trần Thị Bình
	// Thủ tục: 1.001193 Đăng ký khai sinh
	// Giấy tờ đã nhận:
	//   1. Tờ khai đăng ký khai sinh
	//   2. Giấy chứng sinh
	// Tiếp nhận lúc: 15 giờ 20 phút, ngày 04/03/2025
	// Hẹn trả kết quả lúc: 15 giờ 20 phút, ngày 07/03/2025
	// transfer by: 05/03 07:30
	// state: Resolved — national status 9 Đã xử lý xong
	// PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ
	// Bộ phận tiếp nhận: 000.00.00.H49
	// Mã hồ sơ: 000.00.00.H49-250304-0001
	// Người nộp: Trần Thị Bình
	// Thủ tục: 1.001193 Đăng ký khai sinh
	// Hẹn trả kết quả: 15 giờ 20 phút, ngày 07/03/2025
	// 1. 000.00.00.H49 | nhận 15 giờ 20 phút, ngày 04/03/2025 | giao 07 giờ 30 phút, ngày 05/03/2025 | hạn 07 giờ 30 phút, ngày 05/03/2025 | đúng hạn | chuyển xử lý
	// 2. 000.00.12.H49 | nhận 07 giờ 45 phút, ngày 05/03/2025 | giao 16 giờ 00 phút, ngày 06/03/2025 | hạn 11 giờ 30 phút, ngày 07/03/2025 | trước hạn | chuyển bước sau
	// 3. 000.00.15.H49 | nhận 16 giờ 00 phút, ngày 06/03/2025 | giao 10 giờ 00 phút, ngày 07/03/2025 | hạn 15 giờ 20 phút, ngày 07/03/2025 | đúng hạn | có kết quả
	// Kết quả: đúng hạn
}

// The apology with a new appointment must come at least one working day before the due
// date, and only once (Decree 61/2018 Art. 19(9)).
func ExampleDossier_Apply_apology() {
	rules, _ := dossier.NewRules(dossier.RulesConfig{})
	const desk, agency = "000.00.00.H49", "000.00.12.H49"
	clerk := dossier.Actor{ID: "tn-01", Role: dossier.RoleClerk, Agency: desk}
	officer := dossier.Actor{ID: "cb-07", Role: dossier.RoleOfficer, Agency: agency}
	d, _ := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "2.000908", Version: "1"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Lê Văn Cường", CitizenID: "022090054321",
			Address: dossier.Address{Line: "Số 8", UnitCode: "06655"}},
		Channel: procedure.Online, Desk: desk, Agency: agency,
		Limit: calendar.Limit{N: 5, Unit: calendar.WorkingDays},
	}, clerk, vn("2025-03-03 20:00"))
	code := dossier.Code{Unit: desk, Date: date.New(2025, 3, 4), Seq: 12}
	d.Apply(dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: code}, vn("2025-03-04 08:00"))
	d.Apply(dossier.Command{Kind: dossier.Transfer, Actor: clerk}, vn("2025-03-04 08:00"))
	d.Apply(dossier.Command{Kind: dossier.Start, Actor: officer}, vn("2025-03-04 09:00"))
	fmt.Println("due:", d.Deadline.Due.Format("Mon 02/01 15:04"))

	apology := dossier.Command{Kind: dossier.Apologise, Actor: officer, Reason: "Chờ xác minh", Due: vn("2025-03-14 17:00")}
	_, err := d.Apply(apology, vn("2025-03-11 08:00"))
	fmt.Println(err)
	var re *dossier.RuleError
	if errors.As(err, &re) {
		fmt.Println(re.Message(language.Vietnamese))
	}
	_, err = d.Apply(apology, vn("2025-03-10 16:00"))
	fmt.Println(err, "→ due:", d.Deadline.Due.Format("Mon 02/01 15:04"))
	_, err = d.Apply(apology, vn("2025-03-11 09:00"))
	fmt.Println(errors.Is(err, dossier.ErrReappointed))
	slip, _ := d.ApologySlip()
	fmt.Print(slip.Text())

	// Output:
	// due: Tue 11/03 08:00
	// apology and new appointment is later than the apology lead time before the due date (limit 17:00 10/03/2025) [Decree 61/2018 Art. 19(9)]
	// xin lỗi và hẹn lại muộn hơn thời hạn gửi văn bản xin lỗi trước ngày hẹn trả (hạn 17:00 10/03/2025) [Nghị định 61/2018, Điều 19(9)]
	// <nil> → due: Fri 14/03 17:00
	// true
	// VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ
	// Bộ phận tiếp nhận: 000.00.00.H49
	// Mã hồ sơ: 000.00.00.H49-250304-0012
	// Người nộp: Lê Văn Cường
	// Thủ tục: 2.000908
	// Cơ quan: 000.00.12.H49
	// Ngày: 16 giờ 00 phút, ngày 10/03/2025
	// Lý do chậm: Chờ xác minh
	// Ngày hẹn cũ: 08 giờ 00 phút, ngày 11/03/2025
	// Ngày hẹn mới: 17 giờ 00 phút, ngày 14/03/2025
}

func ExampleParseCode() {
	c, err := dossier.ParseCode("000.00.00.H49-250701-0042")
	fmt.Println(c.Unit, c.Date, c.Seq, err)
	_, err = dossier.ParseCode("000.00.00.H49-250230-0042")
	var ce *dossier.CodeError
	if errors.As(err, &ce) {
		fmt.Println(ce.Part == dossier.DatePart, err)
		fmt.Println(ce.Message(language.Vietnamese))
	}
	// Output:
	// 000.00.00.H49 2025-07-01 42 <nil>
	// true dossier code "000.00.00.H49-250230-0042": date "250230" is not a valid YYMMDD date
	// mã hồ sơ "000.00.00.H49-250230-0042": ngày "250230" không phải ngày YYMMDD hợp lệ
}

func ExampleState_Status() {
	for _, s := range []dossier.State{dossier.Submitted, dossier.Transferred, dossier.SupplementRequested, dossier.Returned} {
		fmt.Println(s, int(s.Status()), s.Status())
	}
	// Output:
	// Submitted 1 Mới đăng ký
	// Transferred 2 Được tiếp nhận
	// SupplementRequested 5 Yêu cầu bổ sung giấy tờ
	// Returned 10 Đã trả kết quả
}

// A boundary-free dossier: a centre in another province receives it for a Quảng Ninh
// agency after Decree 309/2026, so its time limit runs from the hand-over. The receipt
// gives a provisional appointment; the transfer fixes it.
func ExampleDossier_DueProvisional() {
	// The rule of Decree 309/2026 is weakly sourced and off by default: opt in.
	p := dossier.DefaultPolicy(dossier.Decree118)
	p.ClockFromCompetentReceipt = true
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &p})
	if err != nil {
		panic(err)
	}
	const desk, agency = "000.00.31.H22", "000.00.12.H49"
	clerk := dossier.Actor{ID: "tn-07", Role: dossier.RoleClerk, Agency: desk}
	received := vn("2026-10-06 16:00") // Tuesday, after 15:00: hand-over due Wednesday 07:30
	d, err := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "2025-01", Name: "Đăng ký khai sinh"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Lê Văn Cường", CitizenID: "022190054321",
			Address: dossier.Address{Line: "Thôn 2", UnitCode: "06655", UnitName: "Phường Hồng Gai, Quảng Ninh"}},
		Channel: procedure.Counter,
		Desk:    desk,
		Agency:  agency,
		Limit:   calendar.Limit{N: 3, Unit: calendar.WorkingDays},
	}, clerk, received)
	if err != nil {
		panic(err)
	}
	// Decree 118/2025 Art. 28: the code carries the competent agency's identifier.
	code, err := rules.IssueCode(context.Background(), &counter{}, d.CodeUnit(received), received)
	if err != nil {
		panic(err)
	}
	if _, err := d.Apply(dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: code}, received); err != nil {
		panic(err)
	}
	slip, _ := d.ReceiptSlip()
	fmt.Println("provisional:", slip.Provisional, slip.Due.Format("Mon 02/01 15:04"))
	if _, err := d.Apply(dossier.Command{Kind: dossier.Transfer, Actor: clerk}, vn("2026-10-07 10:00")); err != nil {
		panic(err)
	}
	fmt.Println("fixed:", d.DueProvisional(), d.Deadline.Due.Format("Mon 02/01 15:04"))
	// Output:
	// provisional: true Fri 09/10 17:00
	// fixed: false Mon 12/10 10:00
}

// seqFormat prints codes as <unit>/YYYYMMDD/NNNNNN, as a new code rule might, and still
// reads the codes printed before it.
type seqFormat struct{}

func (seqFormat) Format(c dossier.Code) (string, error) {
	if !dossier.ValidUnitCode(c.Unit) || c.Seq < 1 || c.Seq > 999999 {
		return "", &dossier.CodeError{Value: c.String(), Err: dossier.ErrCodeFormat}
	}
	y, m, d := c.Date.Date()
	return fmt.Sprintf("%s/%04d%02d%02d/%06d", c.Unit, y, m, d, c.Seq), nil
}

func (seqFormat) Parse(s string) (dossier.Code, error) {
	var unit string
	var ymd, seq int
	if n, err := fmt.Sscanf(s, "%13s/%8d/%6d", &unit, &ymd, &seq); err != nil || n != 3 || len(s) != 29 {
		return dossier.ParseCode(s)
	}
	c := dossier.Code{Unit: unit, Date: date.New(ymd/10000, time.Month(ymd/100%100), ymd%100), Seq: seq}
	if _, err := (seqFormat{}).Format(c); err != nil {
		return dossier.Code{}, &dossier.CodeError{Value: s, Err: dossier.ErrCodeFormat}
	}
	return c, nil
}

// A code format set by policy issues, prints and reads the codes of the Decree 118 regime.
func ExampleCodeFormat() {
	p := dossier.DefaultPolicy(dossier.Decree118)
	p.CodeFormat = seqFormat{}
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &p})
	if err != nil {
		panic(err)
	}
	code, err := rules.IssueCode(context.Background(), &counter{}, "000.00.00.H49", vn("2026-10-06 09:00"))
	if err != nil {
		panic(err)
	}
	text, _ := rules.FormatCode(code)
	fmt.Println(text)
	back, err := rules.ParseCode(text)
	fmt.Println(back == code, err)
	_, err = rules.ParseCode("000.00.00.H49/2026/1")
	fmt.Println(errors.Is(err, dossier.ErrCodeFormat))
	// Output:
	// 000.00.00.H49/20261006/000001
	// true <nil>
	// true
}

// Decree 118/2025: an online dossier waits for the desk's official acceptance, due 8 working
// hours after the province system received it; the time limit runs from the acceptance.
// Processing asks for a supplement that never comes: 15 days after the notice the desk
// closes the dossier (Art. 19(5)).
func ExampleDossier_CloseDue() {
	rules, err := dossier.NewRules(dossier.RulesConfig{})
	if err != nil {
		panic(err)
	}
	const desk, agency = "000.00.00.H49", "000.00.12.H49"
	clerk := dossier.Actor{ID: "tn-01", Role: dossier.RoleClerk, Agency: desk}
	officer := dossier.Actor{ID: "tp-02", Role: dossier.RoleOfficer, Agency: agency}
	d, err := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "2025-01", Name: "Đăng ký khai sinh"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Trần Thị Bình", CitizenID: "022190012345",
			Address: dossier.Address{Line: "Tổ 3, khu 5", UnitCode: "06655", UnitName: "Phường Hồng Gai, Quảng Ninh"}},
		Channel:   procedure.Online,
		Desk:      desk,
		Agency:    agency,
		Limit:     calendar.Limit{N: 3, Unit: calendar.WorkingDays},
		Submitted: vn("2025-07-08 15:58"), // the portal's acknowledgement
	}, dossier.Actor{ID: "portal", Role: dossier.RoleApplicant}, vn("2025-07-08 16:00"))
	if err != nil {
		panic(err)
	}
	fmt.Println("accept by:", d.AcceptanceDue().Format("Mon 02/01 15:04"))

	accepted := vn("2025-07-09 09:00")
	code, err := rules.IssueCode(context.Background(), &counter{}, d.CodeUnit(accepted), accepted)
	if err != nil {
		panic(err)
	}
	for _, step := range []struct {
		cmd dossier.Command
		at  string
	}{
		{dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: code}, "2025-07-09 09:00"},
		{dossier.Command{Kind: dossier.Transfer, Actor: clerk}, "2025-07-09 09:00"},
		{dossier.Command{Kind: dossier.Start, Actor: officer}, "2025-07-09 10:00"},
		{dossier.Command{Kind: dossier.RequestSupplement, Actor: officer, Reason: "Giấy chứng sinh không rõ",
			Attachments: []string{"Giấy chứng sinh"}}, "2025-07-10 10:00"},
	} {
		if _, err := d.Apply(step.cmd, vn(step.at)); err != nil {
			panic(err)
		}
	}
	fmt.Println("due from the acceptance:", d.Deadline.History[0].Due.Format("Mon 02/01 15:04"))
	fmt.Println("close from:", d.CloseDue().Format("Mon 02/01 15:04"))
	_, err = d.Apply(dossier.Command{Kind: dossier.Close, Actor: clerk}, vn("2025-07-21 09:00"))
	var re *dossier.RuleError
	if errors.As(err, &re) {
		fmt.Println(re.Message(language.Vietnamese))
	}
	if _, err := d.Apply(dossier.Command{Kind: dossier.Close, Actor: clerk}, vn("2025-07-28 09:00")); err != nil {
		panic(err)
	}
	fmt.Println(d.State.Name(language.Vietnamese), d.State.Status())
	// Output:
	// accept by: Wed 09/07 16:00
	// due from the acceptance: Mon 14/07 09:00
	// close from: Fri 25/07 17:00
	// đóng hồ sơ chưa hết thời hạn dành cho việc bổ sung hồ sơ (hạn 17:00 25/07/2025) [Nghị định 118/2025, Điều 19(5)]
	// đã đóng hồ sơ Dừng xử lý
}

// Two agencies hold a dossier at once on a route with parallel steps (Decree 118/2025 Art.
// 20(2)(b), electronic liên thông): once the birth is registered, the police and social
// insurance both have it in hand, each with its own deadline, and the return waits for both.
func ExampleDossier_InHand() {
	rules, err := dossier.NewRules(dossier.RulesConfig{})
	if err != nil {
		panic(err)
	}
	const desk, police, insurance = "000.00.31.H49", "001.00.31.H49", "000.00.04.H49"
	clerk := dossier.Actor{ID: "tn-01", Role: dossier.RoleClerk, Agency: desk}
	civil := dossier.Actor{ID: "hn-01", Role: dossier.RoleOfficer, Agency: desk}
	when := vn("2026-03-10 09:00")
	d, err := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "1", Name: "Liên thông khai sinh, thường trú, BHYT"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Trần Thị Bình", CitizenID: "022190012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Channel: procedure.Online, Desk: desk, Agency: desk, Limit: calendar.Limit{N: 3, Unit: calendar.WorkingDays},
	}, clerk, when)
	if err != nil {
		panic(err)
	}
	code, err := rules.IssueCode(context.Background(), &counter{}, d.CodeUnit(when), when)
	if err != nil {
		panic(err)
	}
	steps := []dossier.StepRecord{
		{ID: "register-birth", Agency: desk, Due: vn("2026-03-10 17:00")},
		{ID: "register-residence", Agency: police, Due: vn("2026-03-12 09:00")},
		{ID: "issue-insurance-card", Agency: insurance, Due: vn("2026-03-12 17:00"), After: []string{"register-birth"}},
		{ID: "return", Agency: desk, Due: vn("2026-03-13 09:00"), After: []string{"register-residence", "issue-insurance-card"}},
	}
	for _, cmd := range []dossier.Command{
		{Kind: dossier.Receive, Actor: clerk, Code: code},
		{Kind: dossier.Transfer, Actor: clerk, Steps: steps},
		{Kind: dossier.Start, Actor: civil},
		{Kind: dossier.Handoff, Actor: civil},
	} {
		if _, err := d.Apply(cmd, when); err != nil {
			panic(err)
		}
	}
	for _, s := range d.InHand() {
		fmt.Println(s.ID, s.Agency, "due", s.Due.Format("02/01 15:04"))
	}
	// Output:
	// register-residence 001.00.31.H49 due 12/03 09:00
	// issue-insurance-card 000.00.04.H49 due 12/03 17:00
}
