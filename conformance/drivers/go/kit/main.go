// Command minimal is the smallest toro-check driver in Go: x/sync's semaphore.Weighted of size
// 1 as the models' Lock, each acquire on a goroutine of its own, contexts as cancellation, a
// virtual clock. A starting point for a port author (PROTOCOL.md, "Driver kit: Go").
//
//	./build.sh && npx toro-check --driver conformance/drivers/go/toro-minimal
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/semaphore"
)

type waiter struct {
	gid      string
	cancel   context.CancelFunc
	deadline *float64
}

type run struct {
	sem      *semaphore.Weighted
	waiting  map[int]*waiter
	handles  map[int]bool // grants in hand, each released once
	arriving []int
	done     chan [2]int // {call id, 1 acquired / 0 timed out}
	settled  []map[string]interface{}
	now      float64
}

// quiesce waits until every waiting call's goroutine is parked in Acquire ([select] with
// semaphore.(*Weighted).Acquire on its stack) or has finished: only then is the next action
// made. The runtime names a goroutine's wait reason only once it has parked, after Acquire
// queued it; a finished call sent its outcome before exiting, and is read after the stacks.
// Those one step finished are listed in call order: x/sync serves its queue in that order.
func (r *run) quiesce() {
	var finished [][2]int
	for {
		buf := make([]byte, 1<<16)
		for runtime.Stack(buf, true) == len(buf) {
			buf = make([]byte, 2*len(buf))
		}
		stacks := string(buf[:runtime.Stack(buf, true)])
		for drained := false; !drained; {
			select {
			case f := <-r.done:
				finished = append(finished, f)
				delete(r.waiting, f[0])
			default:
				drained = true
			}
		}
		parked := true
		for _, w := range r.waiting {
			at := strings.Index(stacks, "goroutine "+w.gid+" [select")
			parked = parked && at >= 0 && strings.Contains(strings.SplitN(stacks[at:], "\n\n", 2)[0], "semaphore.(*Weighted).Acquire")
		}
		if parked {
			break
		}
		runtime.Gosched()
	}
	sort.Slice(finished, func(i, j int) bool { return finished[i][0] < finished[j][0] })
	for _, f := range finished {
		if f[1] == 1 {
			r.arriving = append(r.arriving, f[0])
			r.settled = append(r.settled, map[string]interface{}{"id": f[0], "outcome": "resolved", "value": "handle"})
		} else {
			r.settled = append(r.settled, map[string]interface{}{"id": f[0], "outcome": "timeout"})
		}
	}
}

func (r *run) acquire(id int, timeout *float64) {
	ctx, cancel := context.WithCancel(context.Background())
	w := &waiter{cancel: cancel}
	if timeout != nil && *timeout == 0 {
		cancel() // Acquire still takes the lock if it is free now
	} else if timeout != nil {
		d := r.now + *timeout
		w.deadline = &d
	}
	started := make(chan string)
	go func() {
		buf := make([]byte, 64)
		started <- strings.Fields(string(buf[:runtime.Stack(buf, false)]))[1]
		if r.sem.Acquire(ctx, 1) == nil {
			r.done <- [2]int{id, 1}
		} else {
			r.done <- [2]int{id, 0}
		}
	}()
	w.gid = <-started
	r.waiting[id] = w
	r.quiesce()
}

// expire cancels, one at a time in deadline order (ties in call order), the contexts due by `until`.
func (r *run) expire(until float64) {
	for {
		due := -1
		for id, w := range r.waiting {
			if w.deadline != nil && *w.deadline <= until && (due < 0 || *w.deadline < *r.waiting[due].deadline || (*w.deadline == *r.waiting[due].deadline && id < due)) {
				due = id
			}
		}
		if due < 0 {
			return
		}
		if d := *r.waiting[due].deadline; d > r.now {
			r.now = d
		}
		r.waiting[due].deadline = nil
		r.waiting[due].cancel()
		r.quiesce()
		r.deliver()
	}
}

func (r *run) deliver() {
	for _, id := range r.arriving {
		r.handles[id] = true
	}
	r.arriving = nil
}

func (r *run) tick(actions []map[string]interface{}) map[string]interface{} {
	r.settled = []map[string]interface{}{}
	calls := []map[string]interface{}{}
	for _, a := range actions {
		if ms, ok := a["advance"].(float64); ok {
			until := r.now + ms
			r.deliver()
			r.expire(until)
			r.now = until
			continue
		}
		id := int(a["id"].(float64))
		if on, ok := a["on"].(float64); ok {
			if r.handles[int(on)] { // a handle not in hand, or released already, does nothing
				delete(r.handles, int(on))
				r.sem.Release(1)
				r.quiesce()
			}
		} else {
			var timeout *float64
			if t, ok := a["timeout"].(float64); ok {
				timeout = &t
			}
			r.acquire(id, timeout)
		}
		calls = append(calls, map[string]interface{}{"id": id, "result": map[string]interface{}{"kind": map[bool]string{true: "returned", false: "pending"}[a["on"] != nil]}})
	}
	r.expire(r.now)
	r.deliver()
	return map[string]interface{}{"type": "ticked", "calls": calls, "settled": r.settled, "observed": map[string]interface{}{}}
}

func main() {
	out := json.NewEncoder(os.Stdout)
	// Signals are left out to stay small: the full driver (../) maps them to contexts too.
	// badInput: false, since a context's deadline takes any duration, where the models refuse a bad timeout.
	lock := map[string]interface{}{"calls": []string{"acquire"}, "handleRelease": true, "observers": []string{}, "options": map[string]bool{"timeout": true, "signal": false}, "badInput": false}
	_ = out.Encode(map[string]interface{}{"type": "hello", "protocol": 1, "name": "minimal x/sync semaphore.Weighted", "primitives": map[string]interface{}{"Lock": lock}})
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	var r *run
	for in.Scan() {
		var m map[string]interface{}
		_ = json.Unmarshal(in.Bytes(), &m)
		switch m["type"] {
		case "quit":
			return
		case "start":
			if r != nil { // let the last program's waiters go
				for _, w := range r.waiting {
					w.cancel()
				}
			}
			r = &run{sem: semaphore.NewWeighted(1), waiting: map[int]*waiter{}, handles: map[int]bool{}, done: make(chan [2]int, 1024)}
			_ = out.Encode(map[string]interface{}{"type": "started", "observed": map[string]interface{}{}})
		case "tick":
			var actions []map[string]interface{}
			raw, _ := json.Marshal(m["actions"])
			_ = json.Unmarshal(raw, &actions)
			_ = out.Encode(r.tick(actions))
		}
	}
}
