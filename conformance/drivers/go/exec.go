package main

// A program run one step at a time: each waiting call on a goroutine of its own, a virtual
// clock, and contexts as cancellation.
//
// Making goroutines deterministic. After every step (a call, a release, one cancellation, one
// timeout), the driver waits until every call's goroutine has either finished or is parked in
// the primitive, and only then makes the next step. "Parked in the primitive" is read from the
// runtime itself: runtime.Stack lists each goroutine with its wait reason, and a call counts as
// parked when its goroutine is blocked ([select], [chan receive], [chan send],
// [sync.Cond.Wait]) with the port's own function on its stack (semaphore.(*Weighted).Acquire,
// sync.(*Cond).Wait, the channel operation). This is sound because:
//   - the runtime gives a goroutine that wait reason only once it has parked, after every
//     statement before the blocking operation has run: x/sync's Acquire has pushed its waiter
//     and unlocked; Cond.Wait has taken its ticket; a select has enqueued on every channel;
//   - a finished call sends its outcome on a buffered channel before its goroutine exits, and
//     the driver reads that channel after it took the stacks, so a goroutine absent from the
//     stacks has always left its outcome there;
//   - once every live call is parked or finished, nothing runs but the driver (no call's
//     goroutine can wake by itself: there are no timers and no I/O), so the state is stable
//     until the driver's next step.
//
// Settlement order. Goroutines that one step makes ready (a Release admitting two waiters, a
// Broadcast) run in an order the scheduler picks, not the order the port woke them. The port
// serves its waiters in queue order (x/sync's list, the runtime's FIFO queues of channel and
// Cond waiters), so the driver lists those a step served by call id, and the call the step
// cancelled, if it settled, last: in x/sync a cancelled head admits those behind it before its
// Acquire returns. So the order within one step is the driver's, and the checker checks the
// order across steps.

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// Val is a value as a trace shows it: a handle, a number, or a boolean.
type Val struct {
	Kind string // "handle", "num", "bool"
	Num  float64
	Bool bool
}

func Handle() *Val       { return &Val{Kind: "handle"} }
func Num(n float64) *Val { return &Val{Kind: "num", Num: n} }
func Bool(b bool) *Val   { return &Val{Kind: "bool", Bool: b} }

// Got is what a waiting call's function returned: a value (a handle's `Held` kept for its
// release), an error from its context, or an error the port raised by the model's name.
type Got struct {
	Value    *Val
	Held     interface{}
	Err      error
	Rejected string
}

// Made is what making a call did at once: it returned (Value, Held), threw, or waits: Wait
// runs on a goroutine of its own, and Frame names the port's function it parks in.
type Made struct {
	Value *Val
	Held  interface{}
	Threw string
	Wait  func(ctx context.Context) Got
	Frame string
}

// Args are a call's arguments besides its options.
type Args struct {
	ID     int
	Key    *float64
	N      *float64
	Weight *float64
}

// Obs is one observer's reading.
type Obs struct {
	Name  string
	Value Val
}

// Primitive is one primitive of the port, made for one program.
type Primitive interface {
	Call(name string, a Args) (Made, error)
	// Release gives back a grant through the handle a call was given.
	Release(held interface{}) Made
	Observe() []Obs
	// Close lets every waiter that no context can cancel go (a Cond's), when a program ends.
	Close()
}

type Outcome struct {
	ID    int
	Kind  string // "resolved", "timeout", "aborted", "rejected"
	Value *Val
	Error string
}

type CallTrace struct {
	ID       int
	Kind     string // "pending", "returned", "threw"
	Value    *Val
	Error    string
	Observed []Obs
}

type TickTrace struct {
	Calls    []CallTrace
	Settled  []Outcome
	Observed []Obs
}

type Action struct {
	Abort   *int
	Advance *float64
	Call    string
	Args    Args
	On      *int
	Timeout *float64
	Signal  *int
}

type waiter struct {
	id       int
	gid      string
	frame    string
	cancel   context.CancelFunc
	why      string // "timeout" or "aborted": why the driver cancelled it
	signal   *int
	deadline *float64
}

type finished struct {
	id  int
	got Got
	why string
}

// Run is one program on one primitive.
type Run struct {
	prim     Primitive
	now      float64
	waiters  map[int]*waiter
	aborted  map[int]bool
	handles  map[int]interface{}
	arriving map[int]interface{}
	done     chan finished
	settled  []Outcome
}

const maxTimeout = 2147483647

func NewRun(prim Primitive) *Run {
	return &Run{prim: prim, waiters: map[int]*waiter{}, aborted: map[int]bool{}, handles: map[int]interface{}{}, arriving: map[int]interface{}{}, done: make(chan finished, 1024)}
}

func (r *Run) Observe() []Obs { return r.prim.Observe() }

// Tick makes the actions in order, then fires the timeouts due now.
func (r *Run) Tick(actions []Action) (TickTrace, error) {
	r.settled = nil
	var calls []CallTrace
	for _, a := range actions {
		switch {
		case a.Abort != nil:
			r.abort(*a.Abort)
		case a.Advance != nil:
			r.advance(*a.Advance)
		default:
			c, err := r.call(a)
			if err != nil {
				return TickTrace{}, err
			}
			c.Observed = r.Observe()
			calls = append(calls, c)
		}
	}
	r.expire(r.now)
	r.deliver()
	return TickTrace{Calls: calls, Settled: r.settled, Observed: r.Observe()}, nil
}

// Stop lets every call still waiting go (its context cancelled, the primitive closed), and
// waits for their goroutines to end, so that no goroutine of this program is left behind.
func (r *Run) Stop() {
	for _, w := range r.waiters {
		w.cancel()
	}
	r.prim.Close()
	for len(r.waiters) > 0 {
		delete(r.waiters, (<-r.done).id)
	}
}

// panicked turns a panic of the port into the error it throws, by the model's name.
func panicked(err *string) {
	if p := recover(); p != nil {
		*err = errorName(fmt.Sprint(p))
	}
}

func (r *Run) call(a Action) (CallTrace, error) {
	id := a.Args.ID
	if a.On != nil {
		held, ok := r.handles[*a.On]
		if !ok {
			return CallTrace{ID: id, Kind: "returned"}, nil // a handle not in hand does nothing
		}
		var threw string
		func() {
			defer panicked(&threw)
			r.prim.Release(held)
		}()
		r.quiesce(-1)
		if threw != "" {
			return CallTrace{ID: id, Kind: "threw", Error: threw}, nil
		}
		return CallTrace{ID: id, Kind: "returned"}, nil
	}
	if a.Timeout != nil {
		t := *a.Timeout
		if t != float64(int64(t)) || t < 0 || t > maxTimeout {
			// A timeout the port could not be given (PROTOCOL.md, bad input): the call's future
			// rejects at once with RangeError, in its place among the tick's settlements, and
			// the port is not called.
			r.settled = append(r.settled, Outcome{ID: id, Kind: "rejected", Error: "RangeError"})
			return CallTrace{ID: id, Kind: "pending"}, nil
		}
	}
	var made Made
	var err error
	var threw string
	func() {
		defer panicked(&threw)
		made, err = r.prim.Call(a.Call, a.Args)
	}()
	if err != nil {
		return CallTrace{}, err
	}
	r.quiesce(-1)
	if threw != "" || made.Threw != "" {
		return CallTrace{ID: id, Kind: "threw", Error: threw + made.Threw}, nil
	}
	if made.Wait == nil {
		if made.Value != nil && made.Value.Kind == "handle" {
			r.handles[id] = made.Held
		}
		return CallTrace{ID: id, Kind: "returned", Value: made.Value}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &waiter{id: id, frame: made.Frame, cancel: cancel, signal: a.Signal}
	// A signal already aborted, or a zero timeout, is a context already done: x/sync takes
	// what it can take at once all the same ("If ctx is already done, Acquire may still
	// succeed without blocking"), and the driver's channel calls try the operation first.
	// With both, the zero timeout is the call's own, and the abort came before it was made: a
	// call that cannot complete times out (the model's abortedSignal "afterCall").
	if a.Timeout != nil && *a.Timeout == 0 {
		w.why = "timeout"
		cancel()
	} else if a.Signal != nil && r.aborted[*a.Signal] {
		w.why = "aborted"
		cancel()
	} else if a.Timeout != nil {
		d := r.now + *a.Timeout
		w.deadline = &d
	}
	started := make(chan string)
	wait := made.Wait
	go func() {
		started <- goroutineID()
		var got Got
		func() {
			defer func() {
				if p := recover(); p != nil {
					got = Got{Rejected: errorName(fmt.Sprint(p))}
				}
			}()
			got = wait(ctx)
		}()
		r.done <- finished{id: id, got: got}
	}()
	w.gid = <-started
	r.waiters[id] = w
	r.quiesce(-1)
	return CallTrace{ID: id, Kind: "pending"}, nil
}

func (r *Run) abort(signal int) {
	if r.aborted[signal] {
		return
	}
	r.aborted[signal] = true
	for _, id := range r.ids() {
		if w := r.waiters[id]; w != nil && w.signal != nil && *w.signal == signal {
			w.why = "aborted"
			w.cancel()
			r.quiesce(id)
		}
	}
}

// advance lets ms pass: each timeout due by then fires, one at a time, in deadline order (ties
// in call order), and every goroutine it lets go runs before the next one fires.
func (r *Run) advance(ms float64) {
	until := r.now + ms
	r.deliver()
	r.expire(until)
	r.now = until
}

func (r *Run) expire(until float64) {
	for {
		var due *waiter
		for _, id := range r.ids() {
			w := r.waiters[id]
			if w.deadline != nil && *w.deadline <= until && (due == nil || *w.deadline < *due.deadline) {
				due = w
			}
		}
		if due == nil {
			return
		}
		if *due.deadline > r.now {
			r.now = *due.deadline
		}
		due.deadline = nil
		due.why = "timeout"
		due.cancel()
		r.quiesce(due.id)
		r.deliver()
	}
}

func (r *Run) deliver() {
	for id, held := range r.arriving {
		r.handles[id] = held
		delete(r.arriving, id)
	}
}

func (r *Run) ids() []int {
	ids := make([]int, 0, len(r.waiters))
	for id := range r.waiters {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

var parkedIn = map[string]bool{"select": true, "chan receive": true, "chan send": true, "sync.Cond.Wait": true}

// quiesce waits until every live call is parked in the primitive or finished, and records
// the calls that finished: by call id, then `cancelled` (the call this step cancelled) last.
func (r *Run) quiesce(cancelled int) {
	var done []finished
	for {
		stacks := goroutines()
		for more := true; more; {
			select {
			case f := <-r.done:
				f.why = r.waiters[f.id].why
				done = append(done, f)
				delete(r.waiters, f.id)
			default:
				more = false
			}
		}
		still := false
		for _, w := range r.waiters {
			g, ok := stacks[w.gid]
			if !ok || !parkedIn[g.status] || !strings.Contains(g.stack, w.frame) {
				still = true
				break
			}
		}
		if !still {
			break
		}
		runtime.Gosched()
	}
	sort.Slice(done, func(i, j int) bool {
		if (done[i].id == cancelled) != (done[j].id == cancelled) {
			return done[j].id == cancelled
		}
		return done[i].id < done[j].id
	})
	for _, f := range done {
		r.settled = append(r.settled, r.outcome(f))
	}
}

func (r *Run) outcome(f finished) Outcome {
	switch {
	case f.got.Rejected != "":
		return Outcome{ID: f.id, Kind: "rejected", Error: f.got.Rejected}
	case f.got.Err != nil && f.why != "":
		return Outcome{ID: f.id, Kind: f.why}
	case f.got.Err != nil:
		return Outcome{ID: f.id, Kind: "rejected", Error: f.got.Err.Error()}
	}
	if f.got.Value != nil && f.got.Value.Kind == "handle" {
		r.arriving[f.id] = f.got.Held
	}
	return Outcome{ID: f.id, Kind: "resolved", Value: f.got.Value}
}

type goroutine struct {
	status string
	stack  string
}

// stackBuffer is reused from one reading to the next: the driver reads the stacks after every
// step, and it is single-threaded.
var stackBuffer = make([]byte, 1<<16)

// goroutines reads every goroutine's wait reason and stack from the runtime.
func goroutines() map[string]goroutine {
	var buf []byte
	for {
		n := runtime.Stack(stackBuffer, true)
		if n < len(stackBuffer) {
			buf = stackBuffer[:n]
			break
		}
		stackBuffer = make([]byte, 2*len(stackBuffer))
	}
	all := map[string]goroutine{}
	for _, block := range bytes.Split(buf, []byte("\n\n")) {
		head := string(block[:bytes.IndexByte(append(block, '\n'), '\n')])
		// "goroutine 18 [select]:" or "goroutine 18 [select, 2 minutes]:"
		if !strings.HasPrefix(head, "goroutine ") {
			continue
		}
		open, shut := strings.IndexByte(head, '['), strings.IndexByte(head, ']')
		if open < 0 || shut < open {
			continue
		}
		status := head[open+1 : shut]
		if comma := strings.IndexByte(status, ','); comma >= 0 {
			status = status[:comma]
		}
		all[strings.TrimSpace(head[len("goroutine "):open])] = goroutine{status, string(block)}
	}
	return all
}

// goroutineID is the calling goroutine's id, as runtime.Stack names it.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	fields := strings.Fields(string(buf))
	if len(fields) < 2 {
		return ""
	}
	if _, err := strconv.Atoi(fields[1]); err != nil {
		return ""
	}
	return fields[1]
}
