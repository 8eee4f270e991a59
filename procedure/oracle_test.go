package procedure

// The go-playground validator reading the validate tags of the catalog types (what Load ran
// before issue 9) is the oracle of the hand-written fieldChecker:
// TestFieldCheckerMatchesValidator compares them.

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

// oracle is the go-playground validator set up for the tags of the catalog. Its messages are
// written by ruleText.
type oracle struct {
	v *validator.Validate
}

var theOracle = sync.OnceValues(newOracle)

// enumTags are the validator tags of the enumerations of the catalog.
var enumTags = [...]string{"sector", "onlinelevel", "requirement", "feekind"}

func newOracle() (*oracle, error) {
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
		if err := v.RegisterValidation(t, str(func(s string) bool { return enumIsValid(t, s) })); err != nil {
			return nil, err
		}
	}
	custom := map[string]func(string) bool{
		"ttcode":     isNationalCode,
		"prockey":    isKey,
		"resultcode": isResultCode,
	}
	for t, f := range custom {
		if err := v.RegisterValidation(t, str(f)); err != nil {
			return nil, err
		}
	}
	// "unique" on the lists of strings and levels used here, in time linear in the list.
	err := v.RegisterValidation("unique", func(fl validator.FieldLevel) bool { return oracleUnique(fl.Field()) })
	if err != nil {
		return nil, err
	}
	return &oracle{v: v}, nil
}

// check validates one struct and appends its problems; prefix replaces the root type name in
// the path (e.g. "procedures[3]").
func (c *oracle) check(s any, file, prefix string, out []Problem) []Problem {
	return c.checkAs(s, file, prefix, out, true)
}

// checkAs is check; when render is false, the problems carry their rule only (to be counted,
// not shown).
func (c *oracle) checkAs(s any, file, prefix string, out []Problem, render bool) []Problem {
	err := c.v.Struct(s)
	if err == nil {
		return out
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return append(out, Problem{File: file, Path: prefix, Rule: "invalid", En: "invalid value", Vi: "giá trị không hợp lệ"})
	}
	for _, fe := range ves {
		ns := fe.Namespace()
		if i := strings.IndexByte(ns, '.'); i >= 0 {
			ns = ns[i:]
		} else {
			ns = ""
		}
		path := prefix + ns
		if !render {
			out = append(out, Problem{File: file, Path: path, Rule: fe.Tag()})
			continue
		}
		value := ""
		switch fe.Tag() {
		case "required", "required_if", "min", "unique":
		default:
			value = valueText(fe.Value())
		}
		en, vi := ruleText(fe.Tag(), fe.Param(), path, value)
		out = append(out, Problem{File: file, Path: path, Rule: fe.Tag(), En: en, Vi: vi})
	}
	return out
}

// valueText writes a value the validator refused, for a message: a text (quoted by ruleText)
// or a number (marked by a leading '#', written as it is).
func valueText(v any) string {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "#" + strconv.FormatInt(rv.Int(), 10)
	}
	return ""
}

// unique reports whether the slice f (of strings or unsigned integers) has no value twice.
func oracleUnique(f reflect.Value) bool {
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
