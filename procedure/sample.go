package procedure

import (
	"embed"
	"io/fs"
)

// sampleFiles holds the sample catalog: real procedures of the national database across the
// sectors and levels, see testdata/catalog/SCHEMA.md.
//
//go:embed testdata/catalog
var sampleFiles embed.FS

// Sample loads the embedded sample catalog with the default policy.
func Sample() (*Catalog, error) {
	sub, err := fs.Sub(sampleFiles, "testdata/catalog")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub, LoadOptions{})
}
