// Package procedure defines administrative procedures (thủ tục hành chính) and the catalog that
// holds them.
package procedure
