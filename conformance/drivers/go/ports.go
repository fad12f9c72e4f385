package main

// Go's primitives by the models' names:
//
//   - Lock, BoundedSemaphore: golang.org/x/sync/semaphore.Weighted of size 1, or `value`;
//     `acquire` is Acquire(ctx, 1), `tryAcquire` is TryAcquire(1), `release` is Release(1).
//   - WeightedSemaphore: a Weighted of size `capacity`; Acquire(ctx, weight),
//     TryAcquire(weight).
//   - Condition: sync.Cond (on a sync.Mutex nobody holds between two actions); `wait` is
//     Wait(), which resolves true; `notify(n)` is Signal() n times; `notifyAll` is Broadcast().
//     A Cond takes no context: its waits have neither timeout nor signal.
//   - Queue: a buffered channel of `maxsize` slots, items labelled by their put's id. `put` and
//     `get` are a channel operation in a select with ctx.Done(), after a first try with a
//     default case (a select picks at random among the cases ready, so a put that can complete
//     now, with a context already done, would otherwise complete or not by chance);
//     `putNowait`, `getNowait` are the first try alone.
//
// A Weighted has no releaser: a grant's handle is `defer s.Release(n)`, which runs once (a
// second call on the same handle does nothing); Release on the semaphore itself is the
// primitive's `release`.
//
// Contexts are cancellation: a call's context is cancelled when its signal aborts, or at its
// virtual deadline by the driver's clock (a context.WithCancel, never a real timer).

import (
	"context"
	"fmt"
	"math"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Port is one primitive of the port: its hello entry in the raw run, what its profile adds or
// replaces ("null": left out), and its constructor.
type Port struct {
	Primitive string
	Declared  string
	Profile   string
	Make      func(params map[string]float64) (Primitive, error)
}

// whole is a count or weight Go's API can take, or false for one it cannot be given.
func whole(v float64) (int64, bool) {
	return int64(v), v == math.Trunc(v) && v >= 0 && v <= math.MaxInt32
}

func errorName(panic string) string { return "Panic: " + panic }

type grant struct {
	n        int64
	released bool
}

type weighted struct {
	s        *semaphore.Weighted
	size     int64
	refusal  string // what an over-release throws: InvalidStateError (Lock), RangeError (BoundedSemaphore)
	weighted bool
}

func (w *weighted) weight(a Args) (int64, bool) {
	if !w.weighted {
		return 1, true
	}
	if a.Weight == nil {
		return 0, false
	}
	return whole(*a.Weight)
}

func (w *weighted) Call(name string, a Args) (Made, error) {
	switch name {
	case "acquire":
		n, ok := w.weight(a)
		if !ok {
			return Made{Wait: func(context.Context) Got { return Got{Rejected: "RangeError"} }, Frame: "-"}, nil
		}
		return Made{Wait: func(ctx context.Context) Got {
			if err := w.s.Acquire(ctx, n); err != nil {
				return Got{Err: err}
			}
			return Got{Value: Handle(), Held: &grant{n: n}}
		}, Frame: "semaphore.(*Weighted).Acquire"}, nil
	case "tryAcquire":
		n, ok := w.weight(a)
		if !ok {
			return Made{Threw: "RangeError"}, nil
		}
		if w.s.TryAcquire(n) {
			return Made{Value: Handle(), Held: &grant{n: n}}, nil
		}
		return Made{}, nil
	case "release":
		return w.release(1), nil
	}
	return Made{}, fmt.Errorf("no call %s", name)
}

// release is Release(n): it panics when handed more than is held, which a Go program does not
// recover from; the driver does, and reports the model's error.
func (w *weighted) release(n int64) (made Made) {
	defer func() {
		if p := recover(); p != nil {
			made = Made{Threw: w.refusal}
		}
	}()
	w.s.Release(n)
	return Made{}
}

func (w *weighted) Release(held interface{}) Made {
	g := held.(*grant)
	if g.released {
		return Made{}
	}
	g.released = true
	return w.release(g.n)
}

func (w *weighted) Observe() []Obs { return nil }
func (w *weighted) Close()         {}

type cond struct {
	c *sync.Cond
}

func (c *cond) Call(name string, a Args) (Made, error) {
	switch name {
	case "wait":
		return Made{Wait: c.wait, Frame: "sync.(*Cond).Wait"}, nil
	case "notify":
		n := int64(1)
		if a.N != nil {
			var ok bool
			if n, ok = whole(*a.N); !ok {
				return Made{Threw: "RangeError"}, nil // Signal has no count: the driver refuses one it cannot count to
			}
		}
		for i := int64(0); i < n; i++ {
			c.c.Signal()
		}
		return Made{}, nil
	case "notifyAll":
		c.c.Broadcast()
		return Made{}, nil
	}
	return Made{}, fmt.Errorf("no call %s", name)
}

func (c *cond) wait(context.Context) Got {
	c.c.L.Lock()
	c.c.Wait()
	c.c.L.Unlock()
	return Got{Value: Bool(true)}
}

func (c *cond) Release(interface{}) Made { return Made{} }
func (c *cond) Observe() []Obs           { return nil }
func (c *cond) Close()                   { c.c.Broadcast() }

type queue struct {
	ch chan int
}

func (q *queue) Call(name string, a Args) (Made, error) {
	label := a.ID
	switch name {
	case "put":
		return Made{Wait: func(ctx context.Context) Got { return q.put(ctx, label) }, Frame: "main.(*queue).put("}, nil
	case "get":
		return Made{Wait: q.get, Frame: "main.(*queue).get("}, nil
	case "putNowait":
		select {
		case q.ch <- label:
			return Made{}, nil
		default:
			return Made{Threw: "QueueFull"}, nil
		}
	case "getNowait":
		select {
		case item := <-q.ch:
			return Made{Value: Num(float64(item))}, nil
		default:
			return Made{Threw: "QueueEmpty"}, nil
		}
	}
	return Made{}, fmt.Errorf("no call %s", name)
}

func (q *queue) put(ctx context.Context, label int) Got {
	select {
	case q.ch <- label:
		return Got{}
	default:
	}
	select {
	case q.ch <- label:
		return Got{}
	case <-ctx.Done():
		return Got{Err: ctx.Err()}
	}
}

func (q *queue) get(ctx context.Context) Got {
	select {
	case item := <-q.ch:
		return Got{Value: Num(float64(item))}
	default:
	}
	select {
	case item := <-q.ch:
		return Got{Value: Num(float64(item))}
	case <-ctx.Done():
		return Got{Err: ctx.Err()}
	}
}

func (q *queue) Release(interface{}) Made { return Made{} }
func (q *queue) Close()                   {}
func (q *queue) Observe() []Obs {
	n, c := len(q.ch), cap(q.ch)
	return []Obs{{"maxsize", *Num(float64(c))}, {"qsize", *Num(float64(n))}, {"empty", *Bool(n == 0)}, {"full", *Bool(n == c)}}
}

func param(p map[string]float64, name string, def float64) (int64, error) {
	v, ok := p[name]
	if !ok {
		v = def
	}
	n, good := whole(v)
	if !good {
		return 0, fmt.Errorf("Go takes no %s of %v", name, v)
	}
	return n, nil
}

// The profile of the semaphores: over-releasing (Release on the semaphore with nothing held)
// panics, and Release has already taken the units off its count when it panics, so a program
// that goes on after recovering finds the semaphore with more units than it has (an upstream
// bug, reproduced in upstream/release_panic.go). A Go program that over-releases crashes; the
// profile makes no release but the grants' own.
// A context already done when the call is made does not stop Acquire from taking what is free
// ("If ctx is already done, Acquire may still succeed without blocking"): a signal aborted
// before the call is the model's abortedSignal "afterCall".
const grantsOnly = `{"calls":["acquire","tryAcquire"],"choices":{"abortedSignal":"afterCall"}}`

// Ports lists every primitive this driver runs.
func Ports() []Port {
	return []Port{
		{
			Primitive: "Lock",
			Declared:  `{"calls":["acquire","tryAcquire","release"],"handleRelease":true,"observers":[]}`,
			Profile:   grantsOnly,
			Make: func(map[string]float64) (Primitive, error) {
				return &weighted{s: semaphore.NewWeighted(1), size: 1, refusal: "InvalidStateError"}, nil
			},
		},
		{
			Primitive: "BoundedSemaphore",
			Declared:  `{"calls":["acquire","tryAcquire","release"],"handleRelease":true,"observers":[],"params":{"value":[0,1,2,3]}}`,
			Profile:   grantsOnly,
			Make: func(p map[string]float64) (Primitive, error) {
				v, err := param(p, "value", 1)
				return &weighted{s: semaphore.NewWeighted(v), size: v, refusal: "RangeError"}, err
			},
		},
		{
			Primitive: "WeightedSemaphore",
			Declared:  `{"calls":["acquire","tryAcquire"],"handleRelease":true,"observers":[],"params":{"capacity":[1,2,3,4]}}`,
			// Acquire(n) of more than the size waits until its context is done, where the model
			// refuses it (RangeError): the profile makes no bad weight, and no capacity below
			// the largest weight programs ask (3).
			Profile: `{"choices":{"abortedSignal":"afterCall"},"badInput":false,"params":{"capacity":[3,4]}}`,
			Make: func(p map[string]float64) (Primitive, error) {
				v, err := param(p, "capacity", 1)
				return &weighted{s: semaphore.NewWeighted(v), size: v, weighted: true, refusal: "RangeError"}, err
			},
		},
		{
			Primitive: "Condition",
			Declared:  `{"calls":["wait","notify","notifyAll"],"observers":[],"options":{"timeout":false,"signal":false}}`,
			Profile:   `{}`,
			Make: func(map[string]float64) (Primitive, error) {
				return &cond{c: sync.NewCond(&sync.Mutex{})}, nil
			},
		},
		{
			Primitive: "Queue",
			Declared:  `{"calls":["put","putNowait","get","getNowait"],"observers":["maxsize","qsize","empty","full"],"params":{"maxsize":[1,2,3]}}`,
			// put and get try first, so a context already done still lets them complete now.
			Profile: `{"choices":{"abortedSignal":"afterCall"}}`,
			Make: func(p map[string]float64) (Primitive, error) {
				n, err := param(p, "maxsize", 1)
				if n < 1 {
					return nil, fmt.Errorf("an unbuffered channel is not a queue of maxsize 0 (unbounded)")
				}
				return &queue{ch: make(chan int, n)}, err
			},
		},
	}
}
