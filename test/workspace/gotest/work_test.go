package gotest

import "testing"

// TestChecksum runs long enough for a CPU profile to sample Checksum.
func TestChecksum(t *testing.T) {
	want := Checksum(1000)
	for i := 0; i < 10000; i++ {
		if got := Checksum(1000); got != want {
			t.Fatalf("Checksum(1000) = %d, then %d", want, got)
		}
	}
}

/*
func TestCommentedOut(t *testing.T) {}
*/

func BenchmarkChecksum(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Checksum(1000)
	}
}

// A test with another parameter name, declared over two lines.
func TestChecksumSmall(
	tt *testing.T,
) {
	if Checksum(0) == Checksum(1) {
		tt.Fatal("Checksum(0) and Checksum(1) are the same")
	}
}

// helper takes a *testing.T but is no test: it gets no lens.
func helper(t *testing.T) {}
