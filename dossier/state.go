package dossier

import (
	"fmt"
)

// State is where a dossier stands in its lifecycle. The zero State is not a valid state.
type State uint8

// States of the lifecycle (Decree 61/2018 Art. 17–20, Decree 118/2025 Art. 17–21). Overdue is
// not a state: it is derived from the deadline (see Dossier.Overdue).
const (
	Submitted           State = iota + 1 // mới đăng ký: submitted online, not yet checked
	IntakeSupplement                     // chờ bổ sung: the desk asked for a supplement before accepting
	NotAccepted                          // không được tiếp nhận: refused at intake (terminal)
	Received                             // được tiếp nhận: accepted, code and appointment issued
	Transferred                          // chuyển xử lý: sent to the competent agency, not yet taken up
	InProcess                            // đang xử lý: an agency of the route is working on it
	SupplementRequested                  // yêu cầu bổ sung: returned to the applicant during processing
	AwaitingObligation                   // chờ nghĩa vụ tài chính: waiting for a tax or fee payment
	Refused                              // từ chối: refused after appraisal, with reasons
	Resolved                             // đã xử lý xong: result ready at the desk
	Returned                             // đã trả kết quả: result (or refusal) handed to the applicant (terminal)
	Withdrawn                            // dừng thực hiện: stopped at the applicant's request (Decree 118/2025 Art. 21; terminal)
	// Closed is đóng hồ sơ: the desk closed the dossier because the applicant did not complete
	// a supplement asked for during processing within the policy's period (Decree 118/2025
	// Art. 19(5): 15 days after the notice; Policy.CloseAfter). Terminal. No national status
	// code is its own: it maps to 8, Dừng xử lý (processing stopped).
	Closed
	// Correction is the result sent back by the desk to the agency to correct an error found
	// by the applicant on receiving it (Decree 118/2025 Art. 23(1)); the corrected result
	// returns to Resolved. National status 4, Đang xử lý.
	Correction
	numStates
)

var stateNames = [numStates]string{"", "Submitted", "IntakeSupplement", "NotAccepted", "Received",
	"Transferred", "InProcess", "SupplementRequested", "AwaitingObligation", "Refused", "Resolved",
	"Returned", "Withdrawn", "Closed", "Correction"}

// States lists every state in declaration order.
func States() []State {
	s := make([]State, 0, numStates-1)
	for i := Submitted; i < numStates; i++ {
		s = append(s, i)
	}
	return s
}

// stateText are the states' names in JSON (snake_case, like every key and value the module
// reads and writes).
var stateText = [numStates]string{"", "submitted", "intake_supplement", "not_accepted", "received",
	"transferred", "in_process", "supplement_requested", "awaiting_obligation", "refused", "resolved",
	"returned", "withdrawn", "closed", "correction"}

// String returns the state's Go-style name, as used in the diagram and in English messages
// ("InProcess"); Name gives it in Vietnamese, MarshalText in JSON.
func (s State) String() string {
	if s > 0 && s < numStates {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Valid reports whether s is one of the defined states.
func (s State) Valid() bool { return s > 0 && s < numStates }

// Terminal reports whether no command can leave s.
func (s State) Terminal() bool {
	return s == NotAccepted || s == Returned || s == Withdrawn || s == Closed
}

// MarshalText encodes the state by its snake_case name ("in_process").
func (s State) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, &FieldError{Field: "state", Value: s.String(), Err: ErrInvalid}
	}
	return []byte(stateText[s]), nil
}

// UnmarshalText decodes a state name: the snake_case name MarshalText writes, or the
// Go-style name String returns.
func (s *State) UnmarshalText(b []byte) error {
	for i := Submitted; i < numStates; i++ {
		if stateText[i] == string(b) || stateNames[i] == string(b) {
			*s = i
			return nil
		}
	}
	return &FieldError{Field: "state", Value: string(b), Err: ErrInvalid}
}

// Status is a national status code (TrangThaiHoSo) used to synchronise dossiers with the
// National Public Service Portal (Circular 22/2019/TT-BTTTT, QCVN 120:2019/BTTTT).
type Status uint8

// The ten national status codes.
const (
	StatusSubmitted   Status = 1  // Mới đăng ký
	StatusReceived    Status = 2  // Được tiếp nhận
	StatusNotAccepted Status = 3  // Không được tiếp nhận
	StatusInProcess   Status = 4  // Đang xử lý
	StatusSupplement  Status = 5  // Yêu cầu bổ sung giấy tờ
	StatusObligation  Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawn   Status = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped     Status = 8  // Dừng xử lý
	StatusDone        Status = 9  // Đã xử lý xong
	StatusReturned    Status = 10 // Đã trả kết quả
)

var statusNames = [...]string{"", "Mới đăng ký", "Được tiếp nhận", "Không được tiếp nhận", "Đang xử lý",
	"Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính", "Công dân yêu cầu rút hồ sơ",
	"Dừng xử lý", "Đã xử lý xong", "Đã trả kết quả"}

// String returns the code's official Vietnamese label.
func (c Status) String() string {
	if c >= 1 && c <= 10 {
		return statusNames[c]
	}
	return fmt.Sprintf("Status(%d)", uint8(c))
}

var stateStatus = [numStates]Status{0, StatusSubmitted, StatusSupplement, StatusNotAccepted,
	StatusReceived, StatusReceived, StatusInProcess, StatusSupplement, StatusObligation,
	StatusStopped, StatusDone, StatusReturned, StatusWithdrawn, StatusStopped, StatusInProcess}

// Status maps the state onto its national status code (0 for an invalid state).
func (s State) Status() Status {
	if !s.Valid() {
		return 0
	}
	return stateStatus[s]
}
