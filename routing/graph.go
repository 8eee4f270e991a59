package routing

import "container/heap"

// onCycle finds the strongly connected components of the graph succs (comp: the component of
// each node) and marks the nodes that lie on a cycle: the nodes of a component of more than
// one node, and the nodes with an edge to themselves. An edge v→w lies on a cycle when
// comp[v] == comp[w] and cyc[v]. It runs Tarjan's algorithm without recursion, in time
// linear in nodes and edges.
func onCycle(succs [][]int32) (comp []int32, cyc []bool) {
	n := len(succs)
	const unvisited = -1
	index := make([]int32, n)
	low := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = unvisited
	}
	cyc = make([]bool, n)
	comp = make([]int32, n)
	var ncomp int32
	var stack []int32
	type frame struct{ v, next int32 }
	var calls []frame
	var counter int32
	for root := range succs {
		if index[root] != unvisited {
			continue
		}
		calls = append(calls, frame{v: int32(root)})
		index[root], low[root] = counter, counter
		counter++
		stack = append(stack, int32(root))
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if int(f.next) < len(succs[v]) {
				w := succs[v][f.next]
				f.next++
				switch {
				case w == v:
					cyc[v] = true
				case index[w] == unvisited:
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{v: w})
				case onStack[w]:
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				p := calls[len(calls)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				// Pop the component of v.
				k := len(stack) - 1
				for stack[k] != v {
					k--
				}
				if len(stack)-k > 1 {
					for _, w := range stack[k:] {
						cyc[w] = true
					}
				}
				for _, w := range stack[k:] {
					onStack[w] = false
					comp[w] = ncomp
				}
				ncomp++
				stack = stack[:k]
			}
		}
	}
	return comp, cyc
}

// topoOrder returns the nodes in topological order, ties broken by the lower position (the
// order written), and whether every node was ordered (false: the graph has a cycle). Kahn's
// algorithm with a heap: O((n + e) log n).
func topoOrder(preds, succs [][]int32) ([]int, bool) {
	n := len(preds)
	indeg := make([]int, n)
	ready := &intHeap{}
	for i := range preds {
		indeg[i] = len(preds[i])
		if indeg[i] == 0 {
			*ready = append(*ready, i)
		}
	}
	heap.Init(ready)
	order := make([]int, 0, n)
	for ready.Len() > 0 {
		next := heap.Pop(ready).(int)
		order = append(order, next)
		for _, s := range succs[next] {
			indeg[s]--
			if indeg[s] == 0 {
				heap.Push(ready, int(s))
			}
		}
	}
	return order, len(order) == n
}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
