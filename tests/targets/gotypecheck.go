// gotypecheck parses and type-checks one folder of generated Go code
// without the Kaitai Struct Go runtime, which no registry reachable here
// serves.
//
//	go run tests/targets/gotypecheck.go generated/go/proxyproto
//
// The runtime import fails on purpose; go/types then treats the package as
// unknown and stays silent about everything that goes through it, while it
// still reports every other error: syntax, undeclared names, unused
// variables or imports, type mismatches between the generated code's own
// values. Exit status 1 on any such error.
package main

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const runtimePath = "github.com/kaitai-io/kaitai_struct_go_runtime/kaitai"

// stdOnly imports the standard library and refuses the runtime.
type stdOnly struct{ std types.Importer }

func (i stdOnly) Import(path string) (*types.Package, error) {
	if path == runtimePath {
		return nil, fmt.Errorf("runtime not available (expected)")
	}
	return i.std.Import(path)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run gotypecheck.go DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(names)
	if len(names) == 0 {
		fmt.Fprintf(os.Stderr, "%s: no .go files\n", dir)
		os.Exit(2)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	bad := 0
	for _, n := range names {
		f, err := parser.ParseFile(fset, n, nil, parser.ParseComments)
		if err != nil {
			fmt.Println(err)
			bad++
			continue
		}
		files = append(files, f)
	}
	conf := types.Config{
		Importer: stdOnly{importer.ForCompiler(fset, "source", nil)},
		Error: func(err error) {
			if strings.Contains(err.Error(), runtimePath) {
				return // the one expected error: the runtime import
			}
			fmt.Println(err)
			bad++
		},
	}
	conf.Check(files[0].Name.Name, fset, files, nil)
	if bad > 0 {
		fmt.Printf("%s: %d error(s)\n", dir, bad)
		os.Exit(1)
	}
	fmt.Printf("%s: %d file(s) parsed and type-checked (runtime calls unchecked)\n", dir, len(names))
}
