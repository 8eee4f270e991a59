package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/motcua-go/motcua/onestop"
)

// SummariesBothWays reads the summaries of [from, to) twice, decoding the rows once by
// decodeSummary and once by the driver's Scan, and reports whether the rows came in the
// binary form decodeSummary reads.
func SummariesBothWays(ctx context.Context, s *Store, from, to int64) (fast, scanned []onestop.Summary, binaryRows bool, err error) {
	for pass := range 2 {
		rows, err := s.pool.Query(ctx, selectSummaries, from, to)
		if err != nil {
			return nil, nil, false, err
		}
		binaryRows = true
		for i, f := range rows.FieldDescriptions() {
			if f.DataTypeOID != summaryOIDs[i] || f.Format != pgx.BinaryFormatCode && f.DataTypeOID != 25 {
				binaryRows = false
			}
		}
		for rows.Next() {
			var x onestop.Summary
			if pass == 0 {
				err = decodeSummary(rows.RawValues(), &x, func(b []byte) string { return string(b) })
				fast = append(fast, x)
			} else {
				err = scanSummary(rows, &x)
				scanned = append(scanned, x)
			}
			if err != nil {
				rows.Close()
				return nil, nil, false, err
			}
		}
		rows.Close()
		if rows.Err() != nil {
			return nil, nil, false, rows.Err()
		}
	}
	return fast, scanned, binaryRows, nil
}
