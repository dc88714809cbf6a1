package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// A fleet in one process: -ports N listens on N more loopback ports (each printed as "ALSO <url>" before
// the LISTEN line), -delay holds every /debug/pprof/ answer, and /fleet/inflight reports how many profile
// requests are in flight now and at most so far, over every port: what a bound on parallel captures is
// seen as from the services' side.
var (
	pprofDelay = flag.Duration("delay", 0, "wait this long before answering each /debug/pprof/ request")
	extraPorts = flag.Int("ports", 0, "also listen on this many more loopback ports")

	inflightMu  sync.Mutex
	inflight    int
	maxInflight int
)

func fleetHooks(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fleet/inflight" {
			inflightMu.Lock()
			fmt.Fprintf(w, "%d %d\n", inflight, maxInflight)
			inflightMu.Unlock()
			return
		}
		if strings.HasPrefix(r.URL.Path, "/debug/pprof/") {
			inflightMu.Lock()
			inflight++
			if inflight > maxInflight {
				maxInflight = inflight
			}
			inflightMu.Unlock()
			defer func() {
				inflightMu.Lock()
				inflight--
				inflightMu.Unlock()
			}()
			if *pprofDelay > 0 {
				select {
				case <-time.After(*pprofDelay):
				case <-r.Context().Done():
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// serveExtraPorts starts the -ports listeners on the host of addr, serving srv's handler.
func serveExtraPorts(srv *http.Server, host, scheme string) {
	for i := 0; i < *extraPorts; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			panic(err)
		}
		fmt.Printf("ALSO %s://%s\n", scheme, ln.Addr())
		go srv.Serve(ln)
	}
}
