package main

// The endpoints "pprof: Load and Profile…" is tried on, on the default mux that the demo and the test service
// both serve (so main.go keeps its lines):
//
//	/work?n=N   CPU-heavy: N rounds of loadChecksum over a buffer (default 400, about 10 ms of CPU); a CPU
//	            profile taken under load on /work shows loadChecksum as its hottest main function
//	/light      answers at once: the load generator's own cost is measured against it
//	/fail       a little work, then 500: what a load run counts as non-2xx
//	/slow?ms=M  sleeps M ms (default 2000) before answering: what a load run with a short timeout counts as errors

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

var loadBuf = func() []byte {
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(i*31 + 7)
	}
	return b
}()

// loadChecksum mixes every byte of buf into a 64-bit state: plain arithmetic, so its time stays in this
// function instead of in a library's.
func loadChecksum(buf []byte, seed uint64) uint64 {
	h := seed ^ 0x9e3779b97f4a7c15
	for _, c := range buf {
		h ^= uint64(c)
		h *= 0x100000001b3
		h ^= h >> 29
	}
	return h
}

func handleWork(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n <= 0 || n > 100000 {
		n = 400
	}
	var h uint64
	for i := 0; i < n; i++ {
		h = loadChecksum(loadBuf, h+uint64(i))
	}
	fmt.Fprintf(w, "work=%x\n", h)
}

func handleLight(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte("ok\n"))
}

func handleFail(w http.ResponseWriter, r *http.Request) {
	h := loadChecksum(loadBuf, 1)
	http.Error(w, fmt.Sprintf("failing on purpose (%x)", h&0xff), http.StatusInternalServerError)
}

func handleSlow(w http.ResponseWriter, r *http.Request) {
	ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
	if ms <= 0 || ms > 60000 {
		ms = 2000
	}
	select {
	case <-time.After(time.Duration(ms) * time.Millisecond):
		fmt.Fprintln(w, "slow ok")
	case <-r.Context().Done():
	}
}

func init() {
	for path, h := range map[string]http.HandlerFunc{"work": handleWork, "light": handleLight, "fail": handleFail, "slow": handleSlow} {
		http.HandleFunc("/"+path, labeled(path, h))
	}
}
