// Command releasepanic shows, with x/sync alone, that Weighted.Release of more than is held
// takes the units off the count before it panics: a program that recovers finds the semaphore
// with more units free than it has, and a lock of size 1 then lets two holders in.
//
//	GOFLAGS=-mod=mod GOPROXY=off go run ./upstream/releasepanic   # exit status 1 while the bug is there
//
// The toro-ts model: a release the semaphore refuses throws and changes nothing (rule 6). No
// upstream issue covers this case; golang/go#80183 reports the same corruption through negative
// weights, and golang/go#13879 the same shape for sync.Mutex, where the answer was that such a
// panic is not meant to be recovered from.
package main

import (
	"fmt"
	"os"

	"golang.org/x/sync/semaphore"
)

func main() {
	lock := semaphore.NewWeighted(1)
	func() {
		defer func() { fmt.Println("Release(1) on a free lock panicked:", recover()) }()
		lock.Release(1)
	}()
	first, second := lock.TryAcquire(1), lock.TryAcquire(1)
	fmt.Println("then TryAcquire(1):", first, "and again:", second)
	if second {
		fmt.Println("two holders of a semaphore of size 1: the panicking Release changed the count")
		os.Exit(1)
	}
	fmt.Println("the refused Release changed nothing, as the model says")
}
