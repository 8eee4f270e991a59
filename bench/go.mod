module github.com/motcua-go/motcua/bench

go 1.25.0

require (
	github.com/motcua-go/motcua v0.0.0
	github.com/rickar/cal/v2 v2.1.13
	github.com/rickb777/date/v2 v2.1.8
)

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.9 // indirect
	github.com/rickb777/plural v1.4.2 // indirect
	golang.org/x/text v0.41.0 // indirect
)

replace github.com/motcua-go/motcua => ../
