// Command goservice is the real net/http/pprof endpoint the capture tests talk to.
//
//	goservice -addr 127.0.0.1:0 [-token T | env GOSERVICE_TOKEN=T] [-norates] [-write-timeout 1s] [-tls-cert-out cert.pem]
//
// It prints "LISTEN <scheme>://<host:port>" on stdout once it accepts connections, and exits
// when its stdin closes, so it never outlives the test that started it. Loopback only.
//
// This file is not built alone: test/support/goService.ts builds it in one package with the demo
// service, test/workspace/main.go and go.mod, whose main it renames, so the service serves the
// demo's handlers (fib, walk, json, leak, park, contend, block, threads) plus /burn and /lockwait.
package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// handleBurn keeps one CPU busy in the recursive walkers for ms milliseconds: load during a CPU capture.
func handleBurn(w http.ResponseWriter, r *http.Request) {
	ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
	if ms <= 0 || ms > 60000 {
		ms = 1000
	}
	buf := []byte(strings.Repeat("abc123 def45 ghi6 ", 200))
	deadline := time.Now().Add(time.Duration(ms) * time.Millisecond)
	var s uint64
	for time.Now().Before(deadline) {
		s += walkA(40, buf) + uint64(fib(20))
	}
	fmt.Fprintf(w, "burn=%d\n", s)
}

// handleLockWait makes one certain mutex contention: a goroutine waits while the lock is held.
// The contention in /contend depends on scheduling; a test needs one that always happens.
func handleLockWait(w http.ResponseWriter, r *http.Request) {
	var mu sync.Mutex
	mu.Lock()
	done := make(chan struct{})
	go func() {
		mu.Lock()
		mu.Unlock()
		close(done)
	}()
	time.Sleep(5 * time.Millisecond)
	mu.Unlock()
	<-done
	fmt.Fprintln(w, "ok")
}

// requireBearer guards /debug/pprof/ with a bearer token, as a protected production route would.
func requireBearer(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/debug/pprof") {
			got := []byte(r.Header.Get("Authorization"))
			if subtle.ConstantTimeCompare(got, want) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="pprof"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// selfSignedCert makes a certificate for 127.0.0.1 and writes it as PEM, so a test can trust it.
func selfSignedCert(pemOut string) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "goservice test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		log.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(pemOut, certPEM, 0o644); err != nil {
		log.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		log.Fatal(err)
	}
	cert, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	if err != nil {
		log.Fatal(err)
	}
	return cert
}

// allowOrigin lets browser pages of origin read every answer (CORS), as a service that serves its pprof
// endpoints to a browser-hosted VS Code would.
func allowOrigin(origin string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		next.ServeHTTP(w, r)
	})
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	token := flag.String("token", os.Getenv("GOSERVICE_TOKEN"), "require 'Authorization: Bearer <token>' on /debug/pprof/")
	noRates := flag.Bool("norates", false, "leave the block and mutex profile rates unset (their profiles stay empty)")
	writeTimeout := flag.Duration("write-timeout", 0, "http.Server.WriteTimeout (0: none)")
	certOut := flag.String("tls-cert-out", "", "serve HTTPS with a fresh self-signed certificate written here as PEM")
	cors := flag.String("cors", "", "answer with Access-Control-Allow-Origin: this value, so a browser page of another origin may read it")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !(host == "127.0.0.1" || host == "localhost" || host == "::1") {
		log.Fatalf("refusing non-loopback address %q", *addr)
	}
	runtime.MemProfileRate = 64 << 10
	if !*noRates {
		runtime.SetMutexProfileFraction(1)
		runtime.SetBlockProfileRate(1)
	}
	// The demo's routes (its serve also listens, so it cannot register them for this server), then the tests' own.
	routes := map[string]http.HandlerFunc{
		"fib": handleFib, "walk": handleWalk, "json": handleJSON, "leak": handleLeak,
		"park": handlePark, "contend": handleContend, "block": handleBlock, "threads": handleThreads,
		"burn": handleBurn, "lockwait": handleLockWait,
	}
	for name, h := range routes {
		http.HandleFunc("/"+name, labeled(name, h))
	}

	var handler http.Handler = countRequests(http.DefaultServeMux)
	if *token != "" {
		handler = requireBearer(*token, handler)
	}
	if *cors != "" {
		handler = allowOrigin(*cors, handler)
	}
	srv := &http.Server{Handler: fleetHooks(handler), WriteTimeout: *writeTimeout}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	scheme := "http"
	if *certOut != "" {
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{selfSignedCert(*certOut)}}
		ln = tls.NewListener(ln, srv.TLSConfig)
		scheme = "https"
	}
	go func() {
		io.Copy(io.Discard, bufio.NewReader(os.Stdin))
		os.Exit(0)
	}()
	if *certOut == "" {
		serveExtraPorts(srv, host, scheme)
	}
	fmt.Printf("LISTEN %s://%s\n", scheme, ln.Addr())
	log.Fatal(srv.Serve(ln))
}
