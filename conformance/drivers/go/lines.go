package main

// A trace as lines of text, one thing per line, as check/lines.ts prints it: a reproduction
// prints what the port did and what the model says this way, and compares them line by line.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// LineOptions say what to print besides each call's result, who settled, and the observers
// after each tick.
type LineOptions struct {
	Observers   []string // the observers to print: those the port has
	AtCall      bool     // the observers right after each call
	SortSettled bool     // settlements sorted by waiter
}

func show(v Val) string {
	switch v.Kind {
	case "handle":
		return `"handle"`
	case "bool":
		return strconv.FormatBool(v.Bool)
	}
	return strconv.FormatFloat(v.Num, 'f', -1, 64)
}

func pick(observed []Obs, o LineOptions) string {
	var parts []string
	for _, name := range o.Observers {
		for _, ob := range observed {
			if ob.Name == name {
				parts = append(parts, name+" "+show(ob.Value))
			}
		}
	}
	return strings.Join(parts, ", ")
}

// TraceLines are the lines of a trace: the observers once constructed, then each tick's calls,
// settlements and observers.
func TraceLines(initial []Obs, ticks []TickTrace, o LineOptions) []string {
	var lines []string
	if start := pick(initial, o); start != "" {
		lines = append(lines, "start: "+start)
	}
	for i, t := range ticks {
		at := fmt.Sprintf("tick %d:", i+1)
		for _, c := range t.Calls {
			result := c.Kind
			if c.Kind == "threw" {
				result = "threw " + c.Error
			} else if c.Kind == "returned" && c.Value != nil {
				result = "returned " + show(*c.Value)
			}
			observed := ""
			if o.AtCall {
				observed = " (then " + pick(c.Observed, o) + ")"
			}
			lines = append(lines, fmt.Sprintf("%s #%d %s%s", at, c.ID, result, observed))
		}
		settled := append([]Outcome(nil), t.Settled...)
		if o.SortSettled {
			sort.Slice(settled, func(i, j int) bool { return settled[i].ID < settled[j].ID })
		}
		var who []string
		for _, s := range settled {
			switch {
			case s.Kind == "resolved" && s.Value != nil:
				who = append(who, fmt.Sprintf("#%d resolved %s", s.ID, show(*s.Value)))
			case s.Kind == "rejected":
				who = append(who, fmt.Sprintf("#%d rejected %s", s.ID, s.Error))
			default:
				who = append(who, fmt.Sprintf("#%d %s", s.ID, s.Kind))
			}
		}
		if len(who) == 0 {
			who = []string{"nobody"}
		}
		lines = append(lines, at+" settled "+strings.Join(who, ", "))
		if after := pick(t.Observed, o); after != "" {
			lines = append(lines, at+" "+after)
		}
	}
	return lines
}
