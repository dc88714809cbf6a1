// Package gotest is the code the Go test profiling tests run: Checksum burns CPU over a buffer it
// allocates, so a CPU profile and a memory profile of its test and benchmark both name it.
package gotest

import "strconv"

// Checksum formats the numbers below n and hashes the text: the formatting allocates, the hashing burns CPU.
func Checksum(n int) uint64 {
	var buf []byte
	for i := 0; i < n; i++ {
		buf = strconv.AppendInt(buf, int64(i), 10)
	}
	var h uint64 = 14695981039346656037
	for round := 0; round < 8; round++ {
		for _, c := range buf {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}
