package main

// /metrics in the Prometheus text exposition format (stdlib only), so a Prometheus can scrape the demo
// and a test can ask it which instance leaks:
//
//	go_goroutines                  goroutines that exist now
//	go_memstats_heap_inuse_bytes   bytes in in-use heap spans (runtime.ReadMemStats)
//	goapp_http_requests_total      requests served through countRequests (the test service wraps its mux)
//
// /dashboard/ answers any path under it with an HTML page, as a dashboard that is not Prometheus would:
// what a client that expects Prometheus's JSON API meets when given the wrong base URL.

import (
	"fmt"
	"net/http"
	"runtime"
	"sync/atomic"
)

var httpRequests int64

// countRequests counts every request that reaches h.
func countRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atomic.AddInt64(&httpRequests, 1)
		h.ServeHTTP(w, r)
	})
}

func handleMetrics(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	fmt.Fprintf(w, "# HELP go_goroutines Number of goroutines that currently exist.\n# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	fmt.Fprintf(w, "# HELP go_memstats_heap_inuse_bytes Number of heap bytes that are in use.\n# TYPE go_memstats_heap_inuse_bytes gauge\ngo_memstats_heap_inuse_bytes %d\n", m.HeapInuse)
	fmt.Fprintf(w, "# HELP goapp_http_requests_total Requests served.\n# TYPE goapp_http_requests_total counter\ngoapp_http_requests_total %d\n", atomic.LoadInt64(&httpRequests))
}

func handleDashboard(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<!doctype html>\n<html><head><title>goapp dashboard</title></head><body><h1>goapp</h1><p>Not an API.</p></body></html>\n")
}

func init() {
	http.HandleFunc("/metrics", handleMetrics)
	http.HandleFunc("/dashboard/", handleDashboard)
}
