package main

// Switchable leaks, to watch a snapshot series find one:
//
//	/leak/start?kind=heap,goroutine,decoy,noise (or all) [&rate=KB per second of the heap leak, default 256]
//	/leak/stop?kind=...   stops the growth (what leaked stays leaked)
//	/leak/reset           stops everything and frees what leaked
//	/leak/status          what runs, and how much is held
//
// heap:      leakySessionStore keeps `rate` KB per second, forever: the steady leak.
// goroutine: leakyWatchers starts 4 goroutines a second, each leakyWatcher blocked forever on a channel receive.
// decoy:     decoyCache grows 4x faster than the heap leak and is cleared every 3 s: a sawtooth, not a leak.
// noise:     allocNoise allocates garbage all the time, so the runtime collects often.
//
// GOAPP_LEAK=heap,goroutine,decoy,noise (or all) in the environment switches them on at start. The routes
// are on the default mux, which the demo and the test service both serve, so main.go keeps its lines.

import (
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	leakTick      = 100 * time.Millisecond
	leakCapBytes  = 1 << 30 // the heap leak stops growing here, so a forgotten demo cannot eat the machine
	watcherCap    = 100000
	decoyFactor   = 4
	decoyLifetime = 3 * time.Second
)

var leaks = struct {
	sync.Mutex
	stops    map[string]chan struct{}
	rateKB   int
	sessions [][]byte      // held by leakySessionStore
	held     int64         // bytes in sessions
	release  chan struct{} // closed by reset: the watchers return
	watchers int64
	decoy    map[int][]byte
}{stops: map[string]chan struct{}{}, rateKB: 256, release: make(chan struct{}), decoy: map[int][]byte{}}

var leakKinds = map[string]func(stop <-chan struct{}){
	"heap":      leakySessionStore,
	"goroutine": leakyWatchers,
	"decoy":     decoyCache,
	"noise":     allocNoise,
}

// leakChunk is one tick's share of the heap leak, in bytes.
func leakChunk() int {
	leaks.Lock()
	defer leaks.Unlock()
	return leaks.rateKB * 1024 * int(leakTick) / int(time.Second)
}

//go:noinline
func leakySessionStore(stop <-chan struct{}) {
	t := time.NewTicker(leakTick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		n := leakChunk()
		if atomic.LoadInt64(&leaks.held)+int64(n) > leakCapBytes {
			continue
		}
		buf := make([]byte, n)
		leaks.Lock()
		leaks.sessions = append(leaks.sessions, buf)
		leaks.held += int64(n)
		leaks.Unlock()
	}
}

//go:noinline
func leakyWatcher(updates <-chan int, release <-chan struct{}) {
	select {
	case <-updates: // nobody ever sends
	case <-release:
	}
	atomic.AddInt64(&leaks.watchers, -1)
}

//go:noinline
func leakyWatchers(stop <-chan struct{}) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		if atomic.LoadInt64(&leaks.watchers) >= watcherCap {
			continue
		}
		leaks.Lock()
		release := leaks.release
		leaks.Unlock()
		atomic.AddInt64(&leaks.watchers, 1)
		go leakyWatcher(make(chan int), release)
	}
}

//go:noinline
func decoyCache(stop <-chan struct{}) {
	t := time.NewTicker(leakTick)
	defer t.Stop()
	cleared := time.Now()
	for key := 0; ; key++ {
		select {
		case <-stop:
			leaks.Lock()
			leaks.decoy = map[int][]byte{}
			leaks.Unlock()
			return
		case <-t.C:
		}
		entry := make([]byte, decoyFactor*leakChunk())
		leaks.Lock()
		if time.Since(cleared) >= decoyLifetime {
			leaks.decoy = map[int][]byte{}
			cleared = time.Now()
		}
		leaks.decoy[key] = entry
		leaks.Unlock()
	}
}

var noiseSink atomic.Value

//go:noinline
func allocNoise(stop <-chan struct{}) {
	r := rand.New(rand.NewSource(1))
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		for i := 0; i < 8; i++ {
			noiseSink.Store(make([]byte, 1024+r.Intn(64<<10)))
		}
	}
}

// startLeaks switches on the kinds named (comma-separated, or "all"); it returns what it did not know.
func startLeaks(kinds string) []string {
	var unknown []string
	leaks.Lock()
	defer leaks.Unlock()
	for _, k := range leakKindList(kinds) {
		run, ok := leakKinds[k]
		if !ok {
			unknown = append(unknown, k)
			continue
		}
		if _, on := leaks.stops[k]; on {
			continue
		}
		stop := make(chan struct{})
		leaks.stops[k] = stop
		go run(stop)
	}
	return unknown
}

func stopLeaks(kinds string) {
	leaks.Lock()
	defer leaks.Unlock()
	for _, k := range leakKindList(kinds) {
		if stop, on := leaks.stops[k]; on {
			close(stop)
			delete(leaks.stops, k)
		}
	}
}

func leakKindList(kinds string) []string {
	if kinds == "" || kinds == "all" {
		return []string{"heap", "goroutine", "decoy", "noise"}
	}
	return strings.Split(kinds, ",")
}

func handleLeakStart(w http.ResponseWriter, r *http.Request) {
	if s := r.URL.Query().Get("rate"); s != "" {
		rate, err := strconv.Atoi(s)
		if err != nil || rate < 1 || rate > 64<<10 {
			http.Error(w, "rate: KB per second, 1 to 65536", http.StatusBadRequest)
			return
		}
		leaks.Lock()
		leaks.rateKB = rate
		leaks.Unlock()
	}
	if unknown := startLeaks(r.URL.Query().Get("kind")); len(unknown) > 0 {
		http.Error(w, "unknown kind "+strings.Join(unknown, ",")+": heap, goroutine, decoy, noise or all", http.StatusBadRequest)
		return
	}
	handleLeakStatus(w, r)
}

func handleLeakStop(w http.ResponseWriter, r *http.Request) {
	stopLeaks(r.URL.Query().Get("kind"))
	handleLeakStatus(w, r)
}

func handleLeakReset(w http.ResponseWriter, r *http.Request) {
	stopLeaks("all")
	leaks.Lock()
	close(leaks.release)
	leaks.release = make(chan struct{})
	leaks.sessions, leaks.held = nil, 0
	leaks.Unlock()
	handleLeakStatus(w, r)
}

func handleLeakStatus(w http.ResponseWriter, r *http.Request) {
	leaks.Lock()
	on := make([]string, 0, len(leaks.stops))
	for k := range leaks.stops {
		on = append(on, k)
	}
	held, rate := leaks.held, leaks.rateKB
	leaks.Unlock()
	sort.Strings(on)
	fmt.Fprintf(w, "on=%s rateKB=%d heldBytes=%d watchers=%d\n", strings.Join(on, ","), rate, held, atomic.LoadInt64(&leaks.watchers))
}

// leakRoutes are served by the demo and by the test service.
var leakRoutes = map[string]http.HandlerFunc{
	"leak/start": handleLeakStart, "leak/stop": handleLeakStop, "leak/reset": handleLeakReset, "leak/status": handleLeakStatus,
}

func init() {
	for path, h := range leakRoutes {
		http.HandleFunc("/"+path, labeled(path, h))
	}
	if kinds := os.Getenv("GOAPP_LEAK"); kinds != "" {
		if unknown := startLeaks(kinds); len(unknown) > 0 {
			fmt.Fprintf(os.Stderr, "GOAPP_LEAK: unknown kind %s: heap, goroutine, decoy, noise or all\n", strings.Join(unknown, ","))
			os.Exit(2)
		}
	}
}
