package onestop_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
	"golang.org/x/text/language"
)

// Errors of this package and of the packages below read in English and Vietnamese, and stay
// testable with errors.Is and errors.As.
func TestMessages(t *testing.T) {
	tests := []struct {
		err    error
		en, vi string
		is     error
	}{
		{&onestop.FieldError{Field: "Submission.Procedure", Value: "9.999999", Err: onestop.ErrUnknownProcedure},
			`Submission.Procedure "9.999999" is not a procedure in the catalog`,
			`Mã thủ tục "9.999999" không có trong danh mục thủ tục hành chính`, onestop.ErrUnknownProcedure},
		{&onestop.ConflictError{Code: "C", Expected: 1, Actual: 2},
			"dossier C was changed by another command; reload it and try again (read version 1, stored version 2)",
			"hồ sơ C đã được thay đổi bởi thao tác khác; hãy tải lại và thực hiện lại (phiên bản đã đọc 1, phiên bản lưu 2)", onestop.ErrConflict},
		{&dossier.CodeError{Code: "X", Err: onestop.ErrClosed},
			`dossier code "X" is closed: its processing has ended (returned, refused, withdrawn, closed or not accepted)`,
			`mã hồ sơ "X" đã kết thúc xử lý (đã trả kết quả, bị từ chối, đã rút, đã đóng hoặc không được tiếp nhận)`, onestop.ErrClosed},
		{fmt.Errorf("wrapped: %w", &onestop.NotifyError{Code: "C", Err: errors.New("timeout")}),
			"wrapped: dossier C could not be notified; the command took effect: timeout",
			"hồ sơ C không gửi được thông báo; thao tác vẫn có hiệu lực: timeout", onestop.ErrNotDelivered},
		{onestop.ErrWrongActor, "may not issue this command", "không có quyền thực hiện thao tác này", onestop.ErrWrongActor},
		{fmt.Errorf("get: %w", onestop.ErrUnavailable), "get: the dossier store cannot answer now; nothing was saved, try again later",
			"kho lưu trữ hồ sơ tạm thời không trả lời được; chưa lưu gì, hãy thử lại sau", onestop.ErrUnavailable},
		{onestop.ErrInDoubt, "the dossier store lost its connection while saving; the command may or may not have taken effect: look the dossier up before trying again",
			"kho lưu trữ hồ sơ mất kết nối khi đang lưu; thao tác có thể đã hoặc chưa có hiệu lực: hãy tra cứu hồ sơ trước khi thử lại", onestop.ErrInDoubt},
	}
	for _, tc := range tests {
		if got := onestop.Message(tc.err, language.English); got != tc.en {
			t.Errorf("English: %q, want %q", got, tc.en)
		}
		if got := onestop.Message(tc.err, language.Vietnamese); got != tc.vi {
			t.Errorf("Vietnamese: %q, want %q", got, tc.vi)
		}
		if !errors.Is(tc.err, tc.is) {
			t.Errorf("%v is not %v", tc.err, tc.is)
		}
	}
	// Errors of the lower packages are translated by their own Message methods.
	lower := []error{
		&dossier.TransitionError{Command: dossier.Handoff, State: dossier.InProcess, Role: dossier.RoleOfficer, Err: dossier.ErrWrongAgency},
		&routing.SelectError{Query: routing.Query{Procedure: "1.001193"}, Err: routing.ErrNoRoute},
	}
	for _, err := range lower {
		vi := onestop.Message(fmt.Errorf("context: %w", err), language.Vietnamese)
		if vi == err.Error() || strings.Contains(vi, "context") {
			t.Errorf("%T not translated: %q", err, vi)
		}
	}
	if onestop.Message(nil, language.Vietnamese) != "" {
		t.Error("nil error has a message")
	}
}
