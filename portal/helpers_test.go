package portal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/motcua-go/motcua/portal"
)

// received is one request as the fake portal received it.
type received struct {
	Key     string          `json:"key"`
	Request json.RawMessage `json:"request"`
}

// fakePortal is the portal's integration endpoint on 127.0.0.1: it takes the requests a
// portal.Message makes (Message.Request, with the key in the Idempotency-Key header),
// refuses the next Fail of them with 503, checks every record it is given, and keeps per
// dossier what it accepted, in order, and what it shows (the model).
type fakePortal struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	fail     int
	requests []received            // accepted, in order, duplicates included
	byCode   map[string][]received // accepted, by MaHoSo
	model    *model
	private  []string // texts that must never appear outside ChuHoSo
}

func newFakePortal(t testing.TB, private ...string) *fakePortal {
	p := &fakePortal{t: t, byCode: map[string][]received{}, model: newModel(), private: private}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	if !strings.HasPrefix(p.srv.URL, "http://127.0.0.1:") {
		t.Fatalf("the fake portal listens on %s, not on 127.0.0.1", p.srv.URL)
	}
	return p
}

func (p *fakePortal) failNext(n int) {
	p.mu.Lock()
	p.fail = n
	p.mu.Unlock()
}

func (p *fakePortal) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/integration" || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad request line", http.StatusBadRequest)
		return
	}
	if p.fail > 0 {
		p.fail--
		http.Error(w, `{"error_code":"99"}`, http.StatusServiceUnavailable)
		return
	}
	var body bytes.Buffer
	if _, err := body.ReadFrom(r.Body); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	code, seq, err := splitKey(key)
	if err != nil {
		p.t.Errorf("request with key %q: %v", key, err)
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req struct {
		Session    string            `json:"session"`
		MaDonVi    string            `json:"madonvi"`
		Service    string            `json:"service"`
		IsUpdating string            `json:"isUpdating"`
		Data       []json.RawMessage `json:"data"`
	}
	dec := json.NewDecoder(bytes.NewReader(body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || len(req.Data) != 1 || req.Session != "phien-thu" || req.MaDonVi != "000.00.31.H49" {
		p.t.Errorf("request %s: %v, %+v", key, err, req)
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	p.check(key, req.Service, req.IsUpdating, req.Data[0])
	rec := received{Key: key, Request: append(json.RawMessage{}, body.Bytes()...)}
	p.requests = append(p.requests, rec)
	p.byCode[code] = append(p.byCode[code], rec)
	p.model.apply(key, code, seq, req.Service, req.Data[0])
	fmt.Fprint(w, `{"error_code":"00"}`)
}

var dateRE = regexp.MustCompile(`^(|20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])$`)

// check verifies a record's content: known keys only, dates in the portal's layout, a
// national status code, no personal data outside ChuHoSo.
func (p *fakePortal) check(key, service, updating string, data json.RawMessage) {
	t := p.t
	var fields map[string]any
	switch service {
	case portal.ServiceDossier:
		var r portal.DossierRecord
		strict(t, key, data, &r)
		if updating != "True" && updating != "False" {
			t.Errorf("%s: isUpdating %q", key, updating)
		}
		fields = map[string]any{"NgayTiepNhan": r.NgayTiepNhan, "NgayHenTra": r.NgayHenTra, "NgayTra": r.NgayTra,
			"NgayKetThucXuLy": r.NgayKetThucXuLy}
		for i, s := range r.DanhSachHoSoBoSung {
			fields["NgayBoSung"+strconv.Itoa(i)] = s.NgayBoSung
			fields["NgayTiepNhanBoSung"+strconv.Itoa(i)] = s.NgayTiepNhanBoSung
			fields["NgayHenTraTruoc"+strconv.Itoa(i)] = s.NgayHenTraTruoc
			fields["NgayHenTraMoi"+strconv.Itoa(i)] = s.NgayHenTraMoi
		}
		if r.NgayTiepNhan == "" || r.NgayHenTra == "" {
			t.Errorf("%s: a received dossier without NgayTiepNhan or NgayHenTra: %+v", key, r)
		}
		checkStatus(t, key, r.TrangThaiHoSo)
		// Personal data only in ChuHoSo: the rest of the record holds none.
		rest := r
		rest.ChuHoSo = ""
		b, _ := json.Marshal(rest)
		p.noPrivate(key, "the record outside ChuHoSo", string(b))
		p.noPrivate(key, "GhiChu", r.GhiChu)
		p.noPrivate(key, "TrichYeuHoSo", r.TrichYeuHoSo)
		for _, s := range r.DanhSachHoSoBoSung {
			p.noPrivate(key, "NoiDungBoSung", s.NoiDungBoSung)
		}
	case portal.ServiceProgress:
		var r portal.ProgressRecord
		strict(t, key, data, &r)
		if updating != "" {
			t.Errorf("%s: isUpdating %q on a progress record", key, updating)
		}
		fields = map[string]any{"ThoiDiemXuLy": r.ThoiDiemXuLy, "NgayBatDau": r.NgayBatDau,
			"NgayKetThucTheoQuyDinh": r.NgayKetThucTheoQuyDinh}
		if r.ThoiDiemXuLy == "" || r.NguoiXuLy == "" {
			t.Errorf("%s: a progress record without its time or official: %+v", key, r)
		}
		checkStatus(t, key, r.TrangThai)
		p.noPrivate(key, "the progress record", string(data))
		p.noPrivate(key, "NoiDungXuLy", r.NoiDungXuLy)
		p.noPrivate(key, "NguoiXuLy", r.NguoiXuLy)
	default:
		t.Errorf("%s: service %q", key, service)
	}
	for name, v := range fields {
		if !dateRE.MatchString(v.(string)) {
			t.Errorf("%s: %s = %q is not yyyyMMddHHmmss", key, name, v)
		}
	}
}

func (p *fakePortal) noPrivate(key, field, text string) {
	for _, s := range p.private {
		if s != "" && strings.Contains(text, s) {
			p.t.Errorf("%s: %s %q holds personal data %q", key, field, text, s)
		}
	}
}

func checkStatus(t testing.TB, key, s string) {
	if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 10 {
		t.Errorf("%s: status %q is not a national status code", key, s)
	}
}

// strict decodes data into v, refusing unknown keys and requiring every key of v.
func strict(t testing.TB, key string, data json.RawMessage, v any) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Errorf("%s: %v", key, err)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(data, &keys)
	again, _ := json.Marshal(v)
	var want map[string]json.RawMessage
	_ = json.Unmarshal(again, &want)
	for k := range want {
		if _, ok := keys[k]; !ok {
			t.Errorf("%s: key %s missing", key, k)
		}
	}
}

// splitKey reads the dossier code and the sequence of a Message.Key.
func splitKey(key string) (string, int, error) {
	parts := strings.Split(key, "/")
	if len(parts) < 3 {
		return "", 0, errors.New("not code/seq/service")
	}
	seq, err := strconv.Atoi(parts[1])
	if err != nil || seq < 1 {
		return "", 0, errors.New("bad sequence")
	}
	return parts[0], seq, nil
}

// model is what the portal shows: for each dossier the dossier record of the highest
// sequence, and the progress records; a key seen before changes nothing.
type model struct {
	seen     map[string]bool
	dossiers map[string]modelDossier
	progress map[string][]string
}

type modelDossier struct {
	seq    int
	status string
}

func newModel() *model {
	return &model{seen: map[string]bool{}, dossiers: map[string]modelDossier{}, progress: map[string][]string{}}
}

func (m *model) apply(key, code string, seq int, service string, data json.RawMessage) {
	if m.seen[key] {
		return
	}
	m.seen[key] = true
	switch service {
	case portal.ServiceDossier:
		var r portal.DossierRecord
		_ = json.Unmarshal(data, &r)
		if cur, ok := m.dossiers[code]; !ok || seq >= cur.seq {
			m.dossiers[code] = modelDossier{seq: seq, status: r.TrangThaiHoSo}
		}
	case portal.ServiceProgress:
		m.progress[code] = append(m.progress[code], key)
	}
}

func (m *model) applyMessage(msg portal.Message) {
	data, _ := json.Marshal(msg.Request().Data[0])
	m.apply(msg.Key(), msg.Code, msg.Seq, msg.Service, data)
}

// httpSender is the embedder's Sender of the tests: it posts the message's request, with the
// session and unit code, to the fake portal, the key in the Idempotency-Key header.
func httpSender(url string) portal.Sender {
	client := &http.Client{}
	return portal.SenderFunc(func(ctx context.Context, m portal.Message) error {
		req := m.Request()
		req.Session, req.MaDonVi = "phien-thu", "000.00.31.H49"
		body, err := json.Marshal(req)
		if err != nil {
			return err
		}
		hr, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/integration", bytes.NewReader(body))
		if err != nil {
			return err
		}
		hr.Header.Set("Content-Type", "application/json")
		hr.Header.Set("Idempotency-Key", m.Key())
		resp, err := client.Do(hr)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var answer struct {
			ErrorCode string `json:"error_code"`
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("portal answered %s", resp.Status)
		}
		if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil || answer.ErrorCode != "00" {
			return fmt.Errorf("portal refused the record: %q %v", answer.ErrorCode, err)
		}
		return nil
	})
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
