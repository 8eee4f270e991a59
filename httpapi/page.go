package httpapi

import (
	"bytes"
	_ "embed"
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

//go:embed page.html
var pageHTML string

// pageRenderer renders the lookup page.
type pageRenderer struct{ t *template.Template }

func newPageRenderer() (*pageRenderer, error) {
	t, err := template.New("page").Funcs(template.FuncMap{
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.In(calendar.Zone()).Format("15:04, ngày 02/01/2006")
		},
	}).Parse(pageHTML)
	if err != nil {
		return nil, err
	}
	return &pageRenderer{t: t}, nil
}

// pageData is what the page shows: the code as typed (in the form), and either the public
// view or a message.
type pageData struct {
	Typed string
	View  *onestop.PublicView
	State string
	Error *pageError
}

type pageError struct{ Title, Text string }

// lookupPage serves GET /tra-cuu: the form, and with ?ma=<code> the dossier's public view.
func (s *Server) lookupPage(w http.ResponseWriter, r *http.Request) {
	vi := language.Vietnamese
	q, err := params(r, "ma")
	if err != nil {
		s.renderPage(w, http.StatusBadRequest, pageData{Error: &pageError{"Yêu cầu không đúng", "Trang tra cứu chỉ nhận mã hồ sơ."}})
		return
	}
	code := q.Get("ma")
	if strings.TrimSpace(code) == "" {
		s.renderPage(w, http.StatusOK, pageData{})
		return
	}
	data := pageData{Typed: msg.ClipN(code, 64)}
	if s.limit != nil {
		if ok, _ := s.limit.allow(s.addr(r)); !ok {
			data.Error = &pageError{"Tra cứu quá nhanh", "Xin chờ vài giây rồi tra cứu lại."}
			w.Header().Set("Retry-After", "5")
			s.renderPage(w, http.StatusTooManyRequests, data)
			return
		}
	}
	v, err := s.office.Lookup(r.Context(), code)
	switch {
	case err == nil:
		data.View, data.State = &v, v.StateName(vi)
		s.renderPage(w, http.StatusOK, data)
	case errors.Is(err, onestop.ErrMalformedCode):
		data.Error = &pageError{"Mã hồ sơ không đúng dạng",
			"Mã hồ sơ gồm mã đơn vị, ngày tiếp nhận và số thứ tự, ví dụ 000.00.31.H49-260310-0001. Xin xem lại mã trên giấy tiếp nhận và hẹn trả kết quả."}
		s.renderPage(w, http.StatusBadRequest, data)
	case errors.Is(err, onestop.ErrNotFound):
		data.Error = &pageError{"Không tìm thấy hồ sơ",
			"Không có hồ sơ nào mang mã này. Xin kiểm tra lại mã trên giấy hẹn, hoặc hỏi Bộ phận Một cửa nơi đã nộp hồ sơ."}
		s.renderPage(w, http.StatusNotFound, data)
	default:
		k := classify(err)
		if k != kindUnavailable && k != kindInDoubt {
			k = kindInternal
		}
		s.logCause(r, k, err)
		data.Error = &pageError{"Chưa tra cứu được", "Hệ thống tra cứu tạm thời chưa trả lời được. Xin thử lại sau ít phút."}
		w.Header().Set("Retry-After", itoa(RetryAfter))
		s.renderPage(w, http.StatusServiceUnavailable, data)
	}
}

func (s *Server) renderPage(w http.ResponseWriter, status int, data pageData) {
	var b bytes.Buffer
	if err := s.page.t.Execute(&b, data); err != nil {
		http.Error(w, "Lỗi nội bộ", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", "vi")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}
