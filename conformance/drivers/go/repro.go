package main

// Reproductions: the answer to the checker's `reproduce` message (conformance/PROTOCOL.md). A
// reproduction is a Go module that runs the shrunk program on the port alone (no driver, no
// JSON): the same executor (exec.go) and the same mapping of the port (ports.go) the driver
// ran, with the program written out in Go. It prints what the port did, line by line, then the
// first line where the model says otherwise, and exits with status 1 while they differ.

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
)

var (
	//go:embed exec.go
	execSource string
	//go:embed ports.go
	portsSource string
	//go:embed lines.go
	linesSource string
	//go:embed go.mod
	modSource string
)

func traceVal(v interface{}) *Val {
	switch x := v.(type) {
	case string:
		if x == "handle" {
			return Handle()
		}
	case bool:
		return Bool(x)
	case float64:
		return Num(x)
	}
	return nil
}

func observed(v interface{}) []Obs {
	m, _ := v.(map[string]interface{})
	var out []Obs
	for name, value := range m {
		if val := traceVal(value); val != nil {
			out = append(out, Obs{Name: name, Value: *val})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func str(v interface{}) string { s, _ := v.(string); return s }

func tickTrace(v interface{}) TickTrace {
	m, _ := v.(map[string]interface{})
	var t TickTrace
	calls, _ := m["calls"].([]interface{})
	for _, c := range calls {
		cm, _ := c.(map[string]interface{})
		r, _ := cm["result"].(map[string]interface{})
		id, _ := cm["id"].(float64)
		t.Calls = append(t.Calls, CallTrace{ID: int(id), Kind: str(r["kind"]), Value: traceVal(r["value"]), Error: str(r["error"]), Observed: observed(cm["observed"])})
	}
	settled, _ := m["settled"].([]interface{})
	for _, s := range settled {
		sm, _ := s.(map[string]interface{})
		id, _ := sm["id"].(float64)
		t.Settled = append(t.Settled, Outcome{ID: int(id), Kind: str(sm["outcome"]), Value: traceVal(sm["value"]), Error: str(sm["error"])})
	}
	t.Observed = observed(m["observed"])
	return t
}

func goFloat(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("f(%v)", *p)
}

func goInt(p *int) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("i(%d)", *p)
}

func actionGo(a Action) string {
	switch {
	case a.Abort != nil:
		return fmt.Sprintf("{Abort: i(%d)}", *a.Abort)
	case a.Advance != nil:
		return fmt.Sprintf("{Advance: f(%v)}", *a.Advance)
	}
	return fmt.Sprintf("{Call: %q, Args: Args{ID: %d, Key: %s, N: %s, Weight: %s}, On: %s, Timeout: %s, Signal: %s}",
		a.Call, a.Args.ID, goFloat(a.Args.Key), goFloat(a.Args.N), goFloat(a.Args.Weight), goInt(a.On), goFloat(a.Timeout), goInt(a.Signal))
}

func reproduce(name string, ports []Port, m map[string]interface{}) interface{} {
	primitive := str(m["primitive"])
	var port *Port
	for i := range ports {
		if ports[i].Primitive == primitive {
			port = &ports[i]
		}
	}
	if port == nil {
		return fail(fmt.Errorf("reproduce: no %s here", primitive))
	}
	program, _ := m["program"].(map[string]interface{})
	divergence, _ := m["divergence"].(map[string]interface{})
	shownTicks := 1
	if t, ok := divergence["tick"].(float64); ok && t > 1 {
		shownTicks = int(t)
	}
	rawTicks, _ := program["ticks"].([]interface{})
	var ticks []string
	for i, t := range rawTicks {
		if i >= shownTicks {
			break
		}
		raw, _ := t.([]interface{})
		var acts []string
		for _, a := range raw {
			am, _ := a.(map[string]interface{})
			act, err := action(am)
			if err != nil {
				return fail(err)
			}
			acts = append(acts, actionGo(act))
		}
		ticks = append(ticks, fmt.Sprintf("\t\t// tick %d\n\t\t{%s},", i+1, strings.Join(acts, ", ")))
	}
	expected, _ := m["expected"].(map[string]interface{})
	initial := observed(expected["initial"])
	entry := declared(*port, profileMode)
	var shown []string
	obs, _ := entry["observers"].([]interface{})
	for _, o := range obs {
		for _, i := range initial {
			if i.Name == str(o) {
				shown = append(shown, str(o))
			}
		}
	}
	choices, _ := entry["choices"].(map[string]interface{})
	options := LineOptions{Observers: shown, AtCall: str(divergence["rule"]) == "observers", SortSettled: choices["settlementOrder"] == "perTick"}
	var traces []TickTrace
	rawExpected, _ := expected["ticks"].([]interface{})
	for i, t := range rawExpected {
		if i < shownTicks {
			traces = append(traces, tickTrace(t))
		}
	}
	want := TraceLines(initial, traces, options)
	var params []string
	rawParams, _ := program["params"].(map[string]interface{})
	for k, v := range rawParams {
		if n, ok := num(v); ok {
			params = append(params, fmt.Sprintf("%q: %v", k, n))
		}
	}
	sort.Strings(params)
	var quoted []string
	for _, l := range want {
		quoted = append(quoted, fmt.Sprintf("\t\t%q,", l))
	}
	flat := func(key string) string { return strings.ReplaceAll(str(divergence[key]), "\n", " ") }
	main := fmt.Sprintf(`// %s disagrees with the toro-ts model of %s: a standalone reproduction.
//
// Rule broken: %s. Tick %v: %s.
//   model:          %s
//   implementation: %s
//
// It runs the program on the port alone: each call as the driver made it (ports.go), each
// waiting call on its own goroutine, known parked before the next step (exec.go), and prints
// what happened, then the first line where the toro-ts model says otherwise.
// Run it with: GOFLAGS=-mod=mod GOPROXY=off go run . (exit status 1 while the two differ).
package main

import (
	"fmt"
	"os"
)

func f(v float64) *float64 { return &v }
func i(v int) *int          { return &v }

func main() {
	var port Port
	for _, p := range Ports() {
		if p.Primitive == %q {
			port = p
		}
	}
	prim, err := port.Make(map[string]float64{%s})
	if err != nil {
		panic(err)
	}
	ticks := [][]Action{
%s
	}
	run := NewRun(prim)
	initial := run.Observe()
	var traces []TickTrace
	for _, t := range ticks {
		trace, err := run.Tick(t)
		if err != nil {
			panic(err)
		}
		traces = append(traces, trace)
	}
	actual := TraceLines(initial, traces, LineOptions{Observers: %#v, AtCall: %v, SortSettled: %v})
	expected := []string{
%s
	}
	for _, line := range actual {
		fmt.Println(line)
	}
	for at := 0; at < len(actual) || at < len(expected); at++ {
		if at >= len(actual) || at >= len(expected) || actual[at] != expected[at] {
			said := "(nothing more)"
			if at < len(expected) {
				said = expected[at]
			}
			fmt.Printf("\nThe toro-ts model says instead:\n%%s\n", said)
			os.Exit(1)
		}
	}
	fmt.Println("\nThis agrees with the toro-ts model.")
}
`, name, primitive, flat("rule"), divergence["tick"], flat("summary"), flat("expected"), flat("actual"), primitive, strings.Join(params, ", "), strings.Join(ticks, "\n"), shown, options.AtCall, options.SortSettled, strings.Join(quoted, "\n"))
	files := map[string]string{"go.mod": strings.Replace(modSource, "module toro-ts/conformance/drivers/go", "module toro-repro", 1), "main.go": main, "exec.go": execSource, "ports.go": portsSource, "lines.go": linesSource}
	return map[string]interface{}{"type": "reproduction", "language": "Go", "files": files, "run": "GOFLAGS=-mod=mod GOPROXY=off go run ."}
}
