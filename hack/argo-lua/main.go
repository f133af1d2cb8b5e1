// argo-lua runs a resource customization script the way Argo CD's application controller does
// (util/lua in argoproj/argo-cd): gopher-lua with the standard libraries off, then only package,
// base, table and a safe os (time, date) opened, the object as the global `obj`, a 1 s limit, and
// the returned table read as JSON. It is a test tool: tests/Integration.Tests/GitOps judge
// deploy/argocd/*.lua with it instead of a stock Lua, which has every library Argo CD leaves out.
//
//	argo-lua health    script.lua < object.json   -> {"status": "...", "message": "..."}
//	argo-lua discovery script.lua < object.json   -> {"<action>": {...}, ...}
//	argo-lua action    script.lua < object.json   -> the changed object
//
// A script error, a wrong return type or a health status Argo CD does not know exits 1 with the
// message Argo CD would show.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) != 3 {
		fail("usage: argo-lua health|discovery|action script.lua < object.json")
	}
	mode, scriptPath := os.Args[1], os.Args[2]
	script, err := os.ReadFile(scriptPath)
	if err != nil {
		fail(err.Error())
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err.Error())
	}
	var obj map[string]any
	if err := json.Unmarshal(input, &obj); err != nil {
		fail("the object is not JSON: " + err.Error())
	}

	result, err := run(obj, string(script))
	if err != nil {
		fail(err.Error())
	}

	var out any
	switch mode {
	case "health":
		out, err = health(result)
	case "discovery":
		if result.Type() != lua.LTTable {
			err = fmt.Errorf("expect table output from Lua script, not %s", result.Type())
		} else {
			out = encode(result)
		}
	case "action":
		if result.Type() != lua.LTTable {
			err = fmt.Errorf("expect table output from Lua script, not %s", result.Type())
		} else {
			changed, ok := encode(result).(map[string]any)
			if !ok {
				err = fmt.Errorf("the action did not return an object")
			} else {
				out = clean(changed, obj)
			}
		}
	default:
		fail("unknown mode " + mode)
	}
	if err != nil {
		fail(err.Error())
	}
	encoded, _ := json.Marshal(out)
	fmt.Println(string(encoded))
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

// run is Argo CD's VM.runLua without the open libraries: package, base, table and a safe os only.
func run(obj map[string]any, script string) (lua.LValue, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.OsLibName, openSafeOs},
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			return nil, err
		}
	}
	l.PreloadModule(lua.OsLibName, func(l *lua.LState) int {
		l.Push(l.SetFuncs(l.NewTable(), safeOs))
		return 1
	})

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("actionParams", l.CreateTable(0, 0))
	l.SetGlobal("obj", decode(l, obj))
	if err := l.DoString(script); err != nil {
		if apiErr, ok := err.(*lua.ApiError); ok && apiErr.Type == lua.ApiErrorRun {
			apiErr.StackTrace = ""
			return nil, apiErr
		}
		return nil, err
	}
	return l.Get(-1), nil
}

// health reads the returned table as Argo CD's HealthStatus and refuses codes Argo CD does not know.
func health(result lua.LValue) (any, error) {
	if result.Type() == lua.LTNil {
		return map[string]any{}, nil
	}
	if result.Type() != lua.LTTable {
		return nil, fmt.Errorf("expect table output from Lua script, not %s", result.Type())
	}
	fields, _ := encode(result).(map[string]any)
	status, _ := fields["status"].(string)
	switch status {
	case "Unknown", "Progressing", "Suspended", "Healthy", "Degraded", "Missing":
	default:
		return nil, fmt.Errorf("Lua returned an invalid health status %q", status)
	}
	message, _ := fields["message"].(string)
	return map[string]any{"status": status, "message": message}, nil
}

var safeOs = map[string]lua.LGFunction{
	"time": func(l *lua.LState) int {
		l.Push(lua.LNumber(time.Now().Unix()))
		return 1
	},
	// os.date with strftime's %Y %m %d %H %M %S (a leading "!" for UTC), what scripts need for timestamps.
	"date": func(l *lua.LState) int {
		format := l.OptString(1, "%c")
		at := time.Now()
		if l.GetTop() >= 2 {
			at = time.Unix(int64(l.CheckNumber(2)), 0)
		}
		if strings.HasPrefix(format, "!") {
			format, at = format[1:], at.UTC()
		}
		l.Push(lua.LString(strings.NewReplacer(
			"%Y", at.Format("2006"), "%m", at.Format("01"), "%d", at.Format("02"),
			"%H", at.Format("15"), "%M", at.Format("04"), "%S", at.Format("05"),
		).Replace(format)))
		return 1
	},
}

func openSafeOs(l *lua.LState) int {
	l.Push(l.RegisterModule(lua.OsLibName, safeOs))
	return 1
}

// decode is Argo CD's decodeValue: JSON values as Lua values, arrays as 1-based tables.
func decode(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case float64:
		return lua.LNumber(v)
	case string:
		return lua.LString(v)
	case []any:
		table := l.CreateTable(len(v), 0)
		for _, item := range v {
			table.Append(decode(l, item))
		}
		return table
	case map[string]any:
		table := l.CreateTable(0, len(v))
		for key, item := range v {
			table.RawSetH(lua.LString(key), decode(l, item))
		}
		return table
	}
	return lua.LNil
}

// encode is gopher-json's Encode as Argo CD uses it: a table with keys 1..n is an array, an empty
// table is an empty array, any other table an object.
func encode(value lua.LValue) any {
	switch v := value.(type) {
	case lua.LBool:
		return bool(v)
	case lua.LNumber:
		return float64(v)
	case lua.LString:
		return string(v)
	case *lua.LTable:
		if n := v.MaxN(); n > 0 || countKeys(v) == 0 {
			items := make([]any, 0, n)
			for i := 1; i <= n; i++ {
				items = append(items, encode(v.RawGetInt(i)))
			}
			return items
		}
		object := map[string]any{}
		v.ForEach(func(key, item lua.LValue) { object[key.String()] = encode(item) })
		return object
	}
	return nil
}

func countKeys(table *lua.LTable) int {
	n := 0
	table.ForEach(func(lua.LValue, lua.LValue) { n++ })
	return n
}

// clean is Argo CD's cleanReturnedObj: an empty object the script did not touch comes back as an
// empty array from Lua, and is turned back into an object.
func clean(changed, original map[string]any) map[string]any {
	keys := make([]string, 0, len(original))
	for key := range original {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		now, ok := changed[key]
		if !ok {
			continue
		}
		switch value := now.(type) {
		case map[string]any:
			if before, ok := original[key].(map[string]any); ok {
				changed[key] = clean(value, before)
			}
		case []any:
			if _, wasObject := original[key].(map[string]any); wasObject && len(value) == 0 {
				changed[key] = map[string]any{}
			}
		}
	}
	return changed
}
