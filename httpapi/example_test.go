package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// A desk's office served over HTTP: the clerk's software (in any language) receives a
// birth registration with its API key, and a citizen looks the dossier up without one.
func ExampleNew() {
	cat, err := procedure.Sample()
	if err != nil {
		panic(err)
	}
	const desk = "000.00.31.H49"
	clock := onestop.NewFakeClock(time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone()))
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: clock})
	if err != nil {
		panic(err)
	}
	srv, err := httpapi.New(httpapi.Config{Office: office, Keys: []httpapi.Key{
		httpapi.NewKey("quay-1", "khoa-bi-mat-cua-quay-1", dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}),
	}})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	// What the clerk's software sends: the JSON of an onestop.Submission.
	body := `{"procedure":"1.001193","channel":"counter","competent":"000.00.31.H49",
	  "applicant":{"kind":1,"name":"Nguyễn Văn An","citizen_id":"022090012345","address":{"line":"Thôn 3","unit_code":"22300","unit_name":"Đặc khu Vân Đồn"}},
	  "documents":["Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh, nếu không có người làm chứng thì giấy cam đoan về việc sinh",
	    "Giấy tờ tùy thân còn giá trị sử dụng (hộ chiếu, thẻ căn cước công dân, thẻ căn cước, căn cước điện tử, giấy chứng nhận căn cước)"]}`
	req, _ := http.NewRequest("POST", ts.URL+"/v1/dossiers", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer khoa-bi-mat-cua-quay-1")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	var intake struct {
		Decision string `json:"decision"`
		Code     string `json:"code"`
	}
	json.NewDecoder(res.Body).Decode(&intake)
	res.Body.Close()
	fmt.Println(res.Status, intake.Decision, intake.Code)

	// The citizen's lookup needs no key; the SMS reply fits in one message.
	res, err = http.Get(ts.URL + "/v1/dossiers/" + strings.ToLower(intake.Code) + "/sms")
	if err != nil {
		panic(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Print(res.Status, " ", string(b))

	// A wrong key: 401, as an RFC 9457 problem in the language asked.
	req, _ = http.NewRequest("POST", ts.URL+"/v1/dossiers/"+intake.Code+"/transfer", nil)
	req.Header.Set("Authorization", "Bearer sai")
	req.Header.Set("Accept-Language", "en")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	var p httpapi.Problem
	json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()
	fmt.Println(res.Status, res.Header.Get("Content-Type"), p.Detail)
	// Output:
	// 201 Created receive 000.00.31.H49-260310-0001
	// 200 OK {"text":"HS 000.00.31.H49-260310-0001: duoc tiep nhan. Dang o: UBND dac khu Van Don. Hen tra: 17:00 10/03/2026."}
	// 401 Unauthorized application/problem+json an Authorization: Bearer header with a valid API key is required
}

// The SMS reply for a lookup, as an SMS gateway or a phone menu would send it.
func ExampleSMS() {
	cat, _ := procedure.Sample()
	office, _ := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: cat,
		Clock: onestop.NewFakeClock(time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone()))})
	text, err := httpapi.SMS(context.Background(), office, "000.00.31.H49-260310-0042", language.Vietnamese)
	fmt.Println(text)
	fmt.Println(err != nil)
	// Output:
	// Khong tim thay ho so voi ma nay. Hay kiem tra lai ma tren giay hen hoac hoi bo phan mot cua.
	// true
}

// A key file lists the clients with the SHA-256 of their keys (printf %s "$KEY" | sha256sum),
// never the keys themselves.
func ExampleParseKeys() {
	keys, err := httpapi.ParseKeys([]byte(`{"clients": [
	  {"client": "quay-1", "sha256": "ac5db698f630871a4473621bf024390318c307f1c5f57441a899848516b21341",
	   "actor": {"id": "cb-tiep-nhan-01", "role": "clerk", "agency": "000.00.31.H49"}}
	]}`))
	if err != nil {
		panic(err)
	}
	same := httpapi.NewKey("quay-1", "khoa-thu-nghiem-quay-1", keys[0].Actor)
	fmt.Println(keys[0].Client, keys[0].Actor.Role, keys[0].Actor.Agency, same.Hash == keys[0].Hash)

	_, err = httpapi.ParseKeys([]byte(`{"clients": [{"client": "x", "sha256": "abc", "actor": {"id": "a", "role": "clerk", "agency": "000.00.31.H49"}}]}`))
	fmt.Println(err)
	// Output:
	// quay-1 clerk 000.00.31.H49 true
	// key file: clients[0]: sha256 is not 64 hexadecimal digits
}
