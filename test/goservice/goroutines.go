package main

// Goroutine shapes that a debug=2 dump prints in its own way, for the goroutine view's fixtures and tests:
// /deepwait parks a goroutine under a recursion deeper than the runtime prints (its middle frames are
// elided), /lockedwait parks goroutines locked to their OS threads.

import (
	"fmt"
	"net/http"
	"runtime"
)

var goroutineShapesDone = make(chan struct{})

func deepPark(depth int) int {
	if depth == 0 {
		<-goroutineShapesDone
		return 0
	}
	return deepPark(depth-1) + 1
}

func lockedPark() {
	runtime.LockOSThread()
	<-goroutineShapesDone
}

func init() {
	http.HandleFunc("/deepwait", func(w http.ResponseWriter, r *http.Request) {
		go deepPark(150)
		fmt.Fprintln(w, "ok")
	})
	http.HandleFunc("/lockedwait", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 2; i++ {
			go lockedPark()
		}
		fmt.Fprintln(w, "ok")
	})
}
