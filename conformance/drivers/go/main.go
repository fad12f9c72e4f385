// Command toro-driver is a toro-check driver for Go's own primitives and x/sync's semaphore.
//
//	./build.sh
//	npx toro-check --driver "conformance/drivers/go/toro-driver"            # the raw run
//	npx toro-check --driver "conformance/drivers/go/toro-driver --profile"  # its declared choices
//
// It speaks conformance/PROTOCOL.md on standard input and output, one JSON object per line.
// How goroutines are made deterministic is exec.go; the mapping of each primitive is ports.go.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
)

const protocol = 1

// xSyncVersion is Debian's golang-golang-x-sync-dev, which the build compiles against.
const xSyncVersion = "0.1.0"

type result struct {
	Kind  string      `json:"kind"`
	Value interface{} `json:"value,omitempty"`
	Error string      `json:"error,omitempty"`
}

type callOut struct {
	ID       int                    `json:"id"`
	Result   result                 `json:"result"`
	Observed map[string]interface{} `json:"observed"`
}

type settlement struct {
	ID      int         `json:"id"`
	Outcome string      `json:"outcome"`
	Value   interface{} `json:"value,omitempty"`
	Error   string      `json:"error,omitempty"`
}

func traceValue(v *Val) interface{} {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case "handle":
		return "handle"
	case "bool":
		return v.Bool
	}
	return v.Num
}

func observation(obs []Obs) map[string]interface{} {
	out := map[string]interface{}{}
	for _, o := range obs {
		v := o.Value
		out[o.Name] = traceValue(&v)
	}
	return out
}

// num reads a number from its JSON form: the names of those JSON cannot carry become floats.
func num(v interface{}) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		switch x {
		case "NaN":
			return math.NaN(), true
		case "Infinity":
			return math.Inf(1), true
		case "-Infinity":
			return math.Inf(-1), true
		}
	}
	return 0, false
}

func optNum(m map[string]interface{}, key string) *float64 {
	if v, ok := m[key]; ok {
		if n, ok := num(v); ok {
			return &n
		}
	}
	return nil
}

func optInt(m map[string]interface{}, key string) *int {
	if n := optNum(m, key); n != nil {
		i := int(*n)
		return &i
	}
	return nil
}

func action(m map[string]interface{}) (Action, error) {
	if s := optInt(m, "abort"); s != nil {
		return Action{Abort: s}, nil
	}
	if ms := optNum(m, "advance"); ms != nil {
		return Action{Advance: ms}, nil
	}
	call, ok := m["call"].(string)
	id := optInt(m, "id")
	if !ok || id == nil {
		return Action{}, fmt.Errorf("unknown action %v", m)
	}
	return Action{Call: call, Args: Args{ID: *id, Key: optNum(m, "key"), N: optNum(m, "n"), Weight: optNum(m, "weight")}, On: optInt(m, "on"), Timeout: optNum(m, "timeout"), Signal: optInt(m, "signal")}, nil
}

func ticked(t TickTrace) map[string]interface{} {
	calls := []callOut{}
	for _, c := range t.Calls {
		r := result{Kind: c.Kind, Error: c.Error, Value: traceValue(c.Value)}
		calls = append(calls, callOut{ID: c.ID, Result: r, Observed: observation(c.Observed)})
	}
	settled := []settlement{}
	for _, s := range t.Settled {
		settled = append(settled, settlement{ID: s.ID, Outcome: s.Kind, Value: traceValue(s.Value), Error: s.Error})
	}
	return map[string]interface{}{"type": "ticked", "calls": calls, "settled": settled, "observed": observation(t.Observed)}
}

// declared is a primitive's hello entry: the raw run's, with the profile's keys over it.
func declared(p Port, profile bool) map[string]interface{} {
	entry := map[string]interface{}{}
	if err := json.Unmarshal([]byte(p.Declared), &entry); err != nil {
		panic(err)
	}
	if profile {
		over := map[string]interface{}{}
		if err := json.Unmarshal([]byte(p.Profile), &over); err != nil {
			panic(err)
		}
		for k, v := range over {
			entry[k] = v
		}
	}
	return entry
}

// profileMode is whether the driver declares its profile (--profile).
var profileMode bool

func main() {
	profile := len(os.Args) > 1 && os.Args[1] == "--profile"
	profileMode = profile
	ports := Ports()
	primitives := map[string]interface{}{}
	for _, p := range ports {
		if !(profile && p.Profile == "null") {
			primitives[p.Primitive] = declared(p, profile)
		}
	}
	out := json.NewEncoder(os.Stdout)
	name := fmt.Sprintf("Go %s, x/sync %s", runtime.Version()[2:], xSyncVersion)
	_ = out.Encode(map[string]interface{}{"type": "hello", "protocol": protocol, "name": name, "primitives": primitives, "reproduce": true})
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	var run *Run
	for in.Scan() {
		var message map[string]interface{}
		var reply interface{}
		if err := json.Unmarshal(in.Bytes(), &message); err != nil {
			reply = fail(err)
		} else {
			switch message["type"] {
			case "quit":
				return
			case "start":
				if run != nil {
					run.Stop()
				}
				var err error
				run, err = start(ports, message)
				if err != nil {
					reply = fail(err)
				} else {
					reply = map[string]interface{}{"type": "started", "observed": observation(run.Observe())}
				}
			case "tick":
				reply = tick(run, message)
			case "reproduce":
				reply = reproduce(name, ports, message)
			default:
				reply = fail(fmt.Errorf("unexpected message %.200s", in.Text()))
			}
		}
		_ = out.Encode(reply)
	}
}

func fail(err error) map[string]interface{} {
	return map[string]interface{}{"type": "error", "message": err.Error()}
}

func start(ports []Port, m map[string]interface{}) (*Run, error) {
	for _, p := range ports {
		if p.Primitive != m["primitive"] {
			continue
		}
		params := map[string]float64{}
		raw, _ := m["params"].(map[string]interface{})
		for k, v := range raw {
			n, ok := num(v)
			if !ok {
				return nil, fmt.Errorf("parameter %s is not a number", k)
			}
			params[k] = n
		}
		// A constructor the port refuses, for parameters the model accepts, is the driver's to
		// avoid (its hello narrows `params`): PROTOCOL.md says to answer an error.
		prim, err := p.Make(params)
		if err != nil {
			return nil, err
		}
		return NewRun(prim), nil
	}
	return nil, fmt.Errorf("no %v here", m["primitive"])
}

func tick(run *Run, m map[string]interface{}) interface{} {
	if run == nil {
		return fail(fmt.Errorf("tick before start"))
	}
	raw, _ := m["actions"].([]interface{})
	var actions []Action
	for _, a := range raw {
		am, _ := a.(map[string]interface{})
		act, err := action(am)
		if err != nil {
			return fail(err)
		}
		actions = append(actions, act)
	}
	t, err := run.Tick(actions)
	if err != nil {
		return fail(err)
	}
	return ticked(t)
}
