// The handlers of the test service: CPU-heavy recursion, a deliberate leak, parked goroutines,
// mutex contention, blocking and thread creation, so every profile type has samples.
// Based on test/fixtures/goapp/main.go; serve.go starts the server.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ---------- CPU-heavy handlers with deep recursion ----------

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

// walkA/walkB/walkC are mutually recursive so stacks are deep and contain
// recursion cycles (important for correct "cum" accounting: count a function once per stack).
func walkA(depth int, buf []byte) uint64 {
	if depth == 0 {
		return leafHash(buf)
	}
	return walkB(depth-1, buf) + 1
}

func walkB(depth int, buf []byte) uint64 {
	if depth == 0 {
		return leafSort(len(buf))
	}
	if depth%7 == 0 {
		return walkA(depth-1, buf) ^ walkC(depth-1, buf)
	}
	return walkC(depth-1, buf) + 2
}

func walkC(depth int, buf []byte) uint64 {
	if depth == 0 {
		return leafRegexp(buf)
	}
	return walkA(depth-1, buf) + 3
}

func leafHash(buf []byte) uint64 {
	var s uint64
	h := sha256.Sum256(buf)
	for i := 0; i < 200; i++ {
		h = sha256.Sum256(h[:])
	}
	for _, b := range h {
		s += uint64(b)
	}
	return s
}

func leafSort(n int) uint64 {
	xs := make([]float64, 2000+n)
	r := rand.New(rand.NewSource(int64(n)))
	for i := range xs {
		xs[i] = r.Float64()
	}
	sort.Float64s(xs)
	return uint64(xs[len(xs)/2] * 1e6)
}

var wordRe = regexp.MustCompile(`([a-z]+)(\d+)`)

func leafRegexp(buf []byte) uint64 {
	ms := wordRe.FindAllSubmatchIndex(buf, -1)
	return uint64(len(ms))
}

type report struct {
	Name   string            `json:"name"`
	Values []float64         `json:"values"`
	Tags   map[string]string `json:"tags"`
}

func encodeReports(n int) []byte {
	rs := make([]report, n)
	for i := range rs {
		rs[i] = report{Name: "r" + strconv.Itoa(i), Values: []float64{math.Sqrt(float64(i)), float64(i) / 3}, Tags: map[string]string{"k": strings.Repeat("v", i%17)}}
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if err := json.NewEncoder(zw).Encode(rs); err != nil {
		panic(err)
	}
	zw.Close()
	return b.Bytes()
}

func handleFib(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("n"))
	if n <= 0 || n > 32 {
		n = 27
	}
	fmt.Fprintf(w, "fib(%d)=%d\n", n, fib(n))
}

func handleWalk(w http.ResponseWriter, r *http.Request) {
	d, _ := strconv.Atoi(r.URL.Query().Get("depth"))
	if d <= 0 || d > 200 {
		d = 60
	}
	buf := []byte(strings.Repeat("abc123 def45 ghi6 ", 200))
	var s uint64
	for i := 0; i < 40; i++ {
		s += walkA(d+i%5, buf)
	}
	fmt.Fprintf(w, "walk=%d\n", s)
}

func handleJSON(w http.ResponseWriter, r *http.Request) {
	out := encodeReports(3000)
	fmt.Fprintf(w, "json.gz bytes=%d\n", len(out))
}

// ---------- allocations with a deliberate leak ----------

type session struct {
	id      int
	payload []byte
	history []string
}

var (
	leakMu    sync.Mutex
	leaked    []*session           // never trimmed: the deliberate leak
	leakIndex = map[int]*session{} // also retains everything
)

func newSession(id int) *session {
	s := &session{id: id, payload: make([]byte, 256<<10)}
	for i := 0; i < 32; i++ {
		s.history = append(s.history, fmt.Sprintf("event-%d-%d", id, i))
	}
	return s
}

func handleLeak(w http.ResponseWriter, r *http.Request) {
	id := int(atomic.AddInt64(&sessionSeq, 1))
	s := newSession(id)
	leakMu.Lock()
	leaked = append(leaked, s)
	leakIndex[id] = s
	n := len(leaked)
	leakMu.Unlock()
	// plus some garbage that is not retained (shows up in allocs, not inuse)
	tmp := make([][]byte, 0, 64)
	for i := 0; i < 64; i++ {
		tmp = append(tmp, bytes.Repeat([]byte{byte(i)}, 512))
	}
	fmt.Fprintf(w, "sessions=%d tmp=%d\n", n, len(tmp))
}

var sessionSeq int64

// ---------- goroutines blocked on channels ----------

var (
	neverClosed = make(chan struct{})
	workQueue   = make(chan int) // unbuffered, nobody reads except consumers below
)

func parkedWaiter(i int) {
	<-neverClosed
	_ = i
}

func parkedSender(i int) {
	workQueue <- i // blocks forever: no receiver
}

func parkedSelect(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-neverClosed:
	}
}

func handlePark(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 10; i++ {
		go parkedWaiter(i)
	}
	for i := 0; i < 5; i++ {
		go parkedSender(i)
	}
	go parkedSelect(context.Background())
	fmt.Fprintf(w, "goroutines=%d\n", runtime.NumGoroutine())
}

// ---------- mutex contention + blocking ----------

type counterStore struct {
	mu sync.Mutex
	m  map[string]int
}

var store = &counterStore{m: map[string]int{}}

func (c *counterStore) incr(k string) {
	c.mu.Lock()
	// hold the lock while doing some work so others contend
	x := 0
	for i := 0; i < 20000; i++ {
		x += i * i
	}
	c.m[k] += x & 1
	c.mu.Unlock()
}

func handleContend(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				store.incr("k" + strconv.Itoa(i%4))
			}
		}(g)
	}
	wg.Wait()
	fmt.Fprintln(w, "ok")
}

var rw sync.RWMutex
var slowCh = make(chan int, 1)

func handleBlock(w http.ResponseWriter, r *http.Request) {
	// channel hand-off with a slow producer -> block profile entries in chanrecv
	go func() {
		time.Sleep(2 * time.Millisecond)
		slowCh <- 1
	}()
	<-slowCh
	// RWMutex writer vs readers
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rw.RLock()
			time.Sleep(time.Millisecond)
			rw.RUnlock()
		}()
	}
	rw.Lock()
	time.Sleep(time.Millisecond)
	rw.Unlock()
	wg.Wait()
	fmt.Fprintln(w, "ok")
}

// ---------- thread creation ----------

func handleThreads(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.LockOSThread() // not unlocked: thread exits with goroutine, forcing new Ms
			time.Sleep(5 * time.Millisecond)
		}()
	}
	wg.Wait()
	fmt.Fprintln(w, "ok")
}

func labeled(name string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pprof.Do(r.Context(), pprof.Labels("handler", name), func(ctx context.Context) {
			h(w, r.WithContext(ctx))
		})
	}
}

