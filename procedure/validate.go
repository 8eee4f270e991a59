package procedure

import (
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/vi"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"
	vitrans "github.com/go-playground/validator/v10/translations/vi"
)

// checker is the field validator with its Vietnamese and English translators. It is built once
// and never changed afterwards; validator.Validate is safe for concurrent use.
type checker struct {
	v      *validator.Validate
	en, vi ut.Translator
}

var theChecker = sync.OnceValues(newChecker)

// enum lists the values allowed by each enumeration tag.
func enum(tag string) []string {
	switch tag {
	case "sector":
		return []string{"justice", "land", "construction", "business", "culture", "labour", "environment",
			"health", "education", "transport", "security", "finance", "agriculture", "other"}
	case "level":
		return []string{"central", "province", "district", "commune"}
	case "unit":
		return []string{"working_days", "working_hours", "days", "months"}
	case "onlinelevel":
		return []string{"full", "partial", "none"}
	case "requirement":
		return []string{"required", "conditional"}
	case "feekind":
		return []string{"fixed", "per_unit", "percent"}
	}
	return nil
}

var enumTags = [...]string{"sector", "onlinelevel", "requirement", "feekind"}

// customMessages holds the English and Vietnamese texts of the custom tags; {0} is the field.
func customMessage(tag string) (enMsg, viMsg string) {
	switch tag {
	case "ttcode":
		return "{0} must be a national procedure code such as 1.001193",
			"{0} phải là mã thủ tục hành chính quốc gia dạng 1.001193"
	case "prockey":
		return "{0} must be a procedure code such as 1.001193 or 1.001193.000.00.00.H49",
			"{0} phải là mã thủ tục dạng 1.001193 hoặc 1.001193.000.00.00.H49"
	case "agencycode":
		return "{0} must be an agency code such as 000.00.12.H49 or H49.12",
			"{0} phải là mã cơ quan dạng 000.00.12.H49 hoặc H49.12"
	case "resultcode":
		return "{0} must be a result code such as KQ.G15.000031",
			"{0} phải là mã kết quả dạng KQ.G15.000031"
	case "clock":
		return "{0} must be a time of day HH:MM such as 15:00",
			"{0} phải là giờ trong ngày dạng HH:MM, ví dụ 15:00"
	case "required_if":
		return "{0} is a required field", "{0} không được bỏ trống"
	case "unit":
		return "{0} must be one of: working_days, working_hours, days, months",
			"{0} phải là một trong các đơn vị: ngày làm việc, giờ làm việc, ngày, tháng"
	}
	list := strings.Join(enum(tag), ", ")
	return "{0} must be one of: " + list, "{0} phải là một trong các giá trị: " + list
}

func newChecker() (*checker, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	str := func(f func(string) bool) validator.Func {
		return func(fl validator.FieldLevel) bool { return f(fl.Field().String()) }
	}
	for _, t := range enumTags {
		vals := enum(t)
		if err := v.RegisterValidation(t, str(func(s string) bool { return contains(vals, s) })); err != nil {
			return nil, err
		}
	}
	custom := map[string]func(string) bool{
		"ttcode":     isNationalCode,
		"prockey":    isKey,
		"resultcode": isResultCode,
	}
	// "unique" on the lists of strings and levels used here, in time linear in the list.
	err := v.RegisterValidation("unique", func(fl validator.FieldLevel) bool {
		return unique(fl.Field())
	})
	if err != nil {
		return nil, err
	}
	for t, f := range custom {
		if err := v.RegisterValidation(t, str(f)); err != nil {
			return nil, err
		}
	}

	uni := ut.New(en.New(), en.New(), vi.New())
	enT, _ := uni.GetTranslator("en")
	viT, _ := uni.GetTranslator("vi")
	if err := entrans.RegisterDefaultTranslations(v, enT); err != nil {
		return nil, err
	}
	if err := vitrans.RegisterDefaultTranslations(v, viT); err != nil {
		return nil, err
	}
	tags := append(enumTags[:], "ttcode", "prockey", "resultcode", "required_if")
	for _, tag := range tags {
		enMsg, viMsg := customMessage(tag)
		for _, tr := range []struct {
			t   ut.Translator
			msg string
		}{{enT, enMsg}, {viT, viMsg}} {
			err := v.RegisterTranslation(tag, tr.t,
				func(t ut.Translator) error { return t.Add(tag, tr.msg, true) },
				func(t ut.Translator, fe validator.FieldError) string {
					s, err := t.T(fe.Tag(), fe.Field())
					if err != nil {
						return fe.Error()
					}
					return s
				})
			if err != nil {
				return nil, err
			}
		}
	}
	return &checker{v: v, en: enT, vi: viT}, nil
}

// check validates one struct and appends its problems; prefix replaces the root type name in
// the path (e.g. "procedures[3]").
func (c *checker) check(s any, file, prefix string, out []Problem) []Problem {
	err := c.v.Struct(s)
	if err == nil {
		return out
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return append(out, Problem{File: file, Path: prefix, Rule: "invalid", En: err.Error(), Vi: err.Error()})
	}
	for _, fe := range ves {
		ns := fe.Namespace()
		if i := strings.IndexByte(ns, '.'); i >= 0 {
			ns = ns[i:]
		} else {
			ns = ""
		}
		out = append(out, Problem{
			File: file,
			Path: prefix + ns,
			Rule: fe.Tag(),
			En:   fe.Translate(c.en),
			Vi:   fe.Translate(c.vi),
		})
	}
	return out
}

// unique reports whether the slice f (of strings or unsigned integers) has no value twice.
func unique(f reflect.Value) bool {
	if f.Kind() != reflect.Slice || f.Len() < 2 {
		return f.Kind() == reflect.Slice
	}
	switch f.Type().Elem().Kind() {
	case reflect.String:
		seen := make(map[string]struct{}, f.Len())
		for i := range f.Len() {
			s := f.Index(i).String()
			if _, ok := seen[s]; ok {
				return false
			}
			seen[s] = struct{}{}
		}
		return true
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		seen := make(map[uint64]struct{}, f.Len())
		for i := range f.Len() {
			u := f.Index(i).Uint()
			if _, ok := seen[u]; ok {
				return false
			}
			seen[u] = struct{}{}
		}
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNationalCode reports whether s has the national database format N.NNNNNN.
func isNationalCode(s string) bool {
	return len(s) == 8 && s[1] == '.' && digits(s[:1]) && digits(s[2:])
}

// isKey reports whether s is a national code, optionally followed by "." and an agency code.
func isKey(s string) bool {
	if len(s) < 8 || !isNationalCode(s[:8]) {
		return false
	}
	return len(s) == 8 || (s[8] == '.' && func() bool { _, ok := parseAgencyCode(s[9:]); return ok }())
}

func isLevel1(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && digits(s[1:])
}

// isResultCode accepts KQ.<letter><2 digits>.<6 digits>, e.g. "KQ.G15.000031".
func isResultCode(s string) bool {
	return len(s) == 13 && strings.HasPrefix(s, "KQ.") && isLevel1(s[3:6]) && s[6] == '.' && digits(s[7:])
}
