package pgstoretest

import "syscall"

// sysProcAttr runs a server process as cred (when not nil) and stops it if the test binary dies.
func sysProcAttr(cred *syscall.Credential) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT, Setpgid: true}
}
