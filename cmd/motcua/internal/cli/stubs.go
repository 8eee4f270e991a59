package cli

func runCatalog(e *env, args []string) error { return usagef("chưa có", "not yet") }
func runPlan(e *env, args []string) error    { return usagef("chưa có", "not yet") }
