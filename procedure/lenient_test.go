package procedure

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/calendar"
)

// itemJSON returns the JSON of p with the top-level keys of set replaced by raw JSON values
// (a nil value removes the key).
func itemJSON(t *testing.T, p Procedure, set map[string]any) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		if v == nil {
			delete(m, k)
			continue
		}
		m[k] = json.RawMessage(v.(string))
	}
	b, err = json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestItemProblemsBesideDecodeProblems: a value that does not decode no longer hides the other
// problems of its item; the problems it could cause (a required value left empty, a rule reading
// it) are not reported.
func TestItemProblemsBesideDecodeProblems(t *testing.T) {
	valid := validProcedure()
	district := validProcedure()
	district.Levels = []Level{District}
	postalCase := validProcedure()
	postalCase.Limits.Postal = lim("3", calendar.WorkingDays)
	postalCase.Cases[0].Limits.Postal = lim("2", calendar.WorkingDays)

	tests := []struct {
		name string
		data string
		want []Problem
	}{
		{"a bad date and missing fields",
			`{"procedures": [{"code":"1.001193","version":1,"effective_from":"2026-13-01"}]}`,
			[]Problem{{Path: "procedures[0].effective_from", Rule: "no_such_date", En: "effective_from \"2026-13-01\" is not a day of the calendar", Vi: "ngày bắt đầu hiệu lực \"2026-13-01\" không phải là một ngày có trên lịch"}, {Path: "procedures[0].name", Rule: "required", En: "name is a required field", Vi: "tên thủ tục không được bỏ trống"}, {Path: "procedures[0].sector", Rule: "required", En: "sector is a required field", Vi: "ngành không được bỏ trống"}, {Path: "procedures[0].field", Rule: "required", En: "field is a required field", Vi: "lĩnh vực không được bỏ trống"}, {Path: "procedures[0].levels", Rule: "required", En: "levels is a required field", Vi: "cấp thực hiện không được bỏ trống"}, {Path: "procedures[0].competent_agency.name", Rule: "required", En: "name is a required field", Vi: "tên cơ quan không được bỏ trống"}, {Path: "procedures[0].documents", Rule: "required", En: "documents is a required field", Vi: "thành phần hồ sơ không được bỏ trống"}, {Path: "procedures[0].results", Rule: "required", En: "results is a required field", Vi: "kết quả không được bỏ trống"}, {Path: "procedures[0].legal_basis", Rule: "required", En: "legal_basis is a required field", Vi: "căn cứ pháp lý không được bỏ trống"}, {Path: "procedures[0].limits", Rule: "limits_empty", En: "at least one channel (counter, online, postal) needs a time limit", Vi: "phải có thời hạn giải quyết cho ít nhất một hình thức nộp (trực tiếp, trực tuyến, bưu chính)"}}},
		{"a bad version and an empty name",
			`{"procedures": [` + itemJSON(t, valid, map[string]any{"version": `"2"`, "name": `""`}) + `]}`,
			[]Problem{{Path: "procedures[0].version", Rule: "json", En: "version must be a JSON number, not string", Vi: "số phiên bản phải là số, không phải chuỗi"}, {Path: "procedures[0].name", Rule: "required", En: "name is a required field", Vi: "tên thủ tục không được bỏ trống"}}},
		{"every bad value of an item",
			`{"procedures": [` + itemJSON(t, valid, map[string]any{"version": `"2"`, "effective_to": `"2020-02-30"`,
				"documents": `[{"name": "Tờ khai", "originals": "1", "requirement": "required"}, {"name": "Bản sao", "copies": 1, "requirement": "optional", "colour": "red"}]`}) + `]}`,
			[]Problem{{Path: "procedures[0].documents[0].originals", Rule: "json", En: "originals must be a JSON number, not string", Vi: "số bản chính phải là số, không phải chuỗi"}, {Path: "procedures[0].documents[1]", Rule: "unknown_key", En: "unknown key \"colour\"", Vi: "khóa \"colour\" không có trong định dạng danh mục"}, {Path: "procedures[0].effective_to", Rule: "no_such_date", En: "effective_to \"2020-02-30\" is not a day of the calendar", Vi: "ngày hết hiệu lực \"2020-02-30\" không phải là một ngày có trên lịch"}, {Path: "procedures[0].version", Rule: "json", En: "version must be a JSON number, not string", Vi: "số phiên bản phải là số, không phải chuỗi"}, {Path: "procedures[0].documents[1].requirement", Rule: "requirement", En: "requirement \"optional\" must be one of: required, conditional", Vi: "yêu cầu \"optional\" phải là một trong các giá trị: \"required\" (bắt buộc), \"conditional\" (theo điều kiện)"}}},
		{"a bad limit value is not a missing limit",
			`{"procedures": [` + itemJSON(t, postalCase, map[string]any{"limits": `{"counter": {"value": "3", "unit": "working_days"}, "postal": {"value": true, "unit": "days"}}`}) + `]}`,
			[]Problem{{Path: "procedures[0].limits.postal.value", Rule: "json", En: "value \"true\" is not a decimal number", Vi: "giá trị thời hạn \"true\" không phải là số thập phân"}}},
		{"a whole limits object of the wrong kind",
			`{"procedures": [` + itemJSON(t, postalCase, map[string]any{"limits": `[]`}) + `]}`,
			[]Problem{{Path: "procedures[0].limits", Rule: "json", En: "limits must be a JSON object, not array", Vi: "thời hạn giải quyết phải là đối tượng, không phải mảng"}}},
		{"a bad end date is not an open end",
			`{"procedures": [` + itemJSON(t, district, map[string]any{"effective_to": `"2025-06-31"`}) + `]}`,
			[]Problem{{Path: "procedures[0].effective_to", Rule: "no_such_date", En: "effective_to \"2025-06-31\" is not a day of the calendar", Vi: "ngày hết hiệu lực \"2025-06-31\" không phải là một ngày có trên lịch"}}},
		{"an item of the wrong kind", `{"procedures": [5]}`,
			[]Problem{{Path: "procedures[0]", Rule: "json", En: "procedures[0] must be a JSON object, not number", Vi: "thủ tục thứ 1 phải là đối tượng, không phải số"}}},
		{"a bad group value",
			`{"procedures": [` + itemJSON(t, valid, nil) + `], "groups": [{"id": "g", "name": 5, "lead_sector": "justice", "members": ["1.001193"]}]}`,
			[]Problem{{Path: "groups[0].name", Rule: "json", En: "name must be a JSON string, not number", Vi: "tên nhóm phải là chuỗi, không phải số"}, {Path: "groups[0].members", Rule: "min", En: "members must contain at least 2 items", Vi: "thủ tục thành viên phải có ít nhất 2 mục"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, []byte(tt.data), LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestItemWithDecodeProblemsInCatalogChecks: an item with a bad value still takes part in the
// checks across items that read only values that decoded, and is not reported missing.
func TestItemWithDecodeProblemsInCatalogChecks(t *testing.T) {
	v1 := validProcedure()
	v2 := validProcedure()
	v2.Version = 2
	v2.EffectiveFrom = ymd(2023, 1, 1)
	death := validProcedure()
	death.Code = "1.000656"
	group := `{"id": "g", "name": "Nhóm", "lead_sector": "justice", "members": ["1.001193", "1.000656"]}`

	t.Run("overlap found beside a bad level", func(t *testing.T) {
		data := `{"procedures": [` + itemJSON(t, v1, map[string]any{"levels": `[1]`}) + `,` + itemJSON(t, v2, nil) + `]}`
		want := []Problem{
			{Path: "procedures[0].levels[0]", Rule: "json", En: "levels[0] must be a JSON string, not number", Vi: "cấp thực hiện thứ 1 phải là chuỗi, không phải số"},
			{Path: "procedures[1].effective_from", Rule: "version_overlap",
				En: "version 2 of 1.001193 overlaps version 1 (procedures[0])",
				Vi: "phiên bản 2 của 1.001193 trùng thời gian hiệu lực với phiên bản 1 (procedures[0])"},
		}
		if diff := cmp.Diff(want, problemsOf(t, []byte(data), LoadOptions{})); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
	})
	t.Run("a member with a bad date is not unknown", func(t *testing.T) {
		data := `{"procedures": [` + itemJSON(t, v1, map[string]any{"effective_from": `"2020-07-32"`}) + `,` +
			itemJSON(t, death, nil) + `], "groups": [` + group + `]}`
		want := []Problem{{Path: "procedures[0].effective_from", Rule: "no_such_date", En: `effective_from "2020-07-32" is not a day of the calendar`,
			Vi: `ngày bắt đầu hiệu lực "2020-07-32" không phải là một ngày có trên lịch`}}
		if diff := cmp.Diff(want, problemsOf(t, []byte(data), LoadOptions{})); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
	})
	t.Run("members are not checked when a code is unknown", func(t *testing.T) {
		data := `{"procedures": [` + itemJSON(t, v1, map[string]any{"code": `1001193`}) + `,` +
			itemJSON(t, death, nil) + `], "groups": [` + group + `]}`
		want := []Problem{{Path: "procedures[0].code", Rule: "json", En: "code must be a JSON string, not number", Vi: "mã thủ tục phải là chuỗi, không phải số"}}
		if diff := cmp.Diff(want, problemsOf(t, []byte(data), LoadOptions{})); diff != "" {
			t.Errorf("problems (-want +got):\n%s", diff)
		}
	})
}
