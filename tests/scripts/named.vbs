' WScript.Arguments.Named and .Unnamed, as WSH splits the arguments: /name:value and /name are named.
Set args = WScript.Arguments
WScript.Echo "all", args.Count, args(1)
Set named = args.Named
Set unnamed = args.Unnamed
WScript.Echo "unnamed", unnamed.Count, unnamed.length, unnamed(0), unnamed.Item(1)
For Each a In unnamed
    WScript.Echo "each unnamed", a
Next
WScript.Echo "named", named.Count, named.length, "[" & named("Mode") & "]", "[" & named.Item("flag") & "]"
WScript.Echo "exists", CStr(named.Exists("MODE")), CStr(named.Exists("flag")), CStr(named.Exists("none"))
WScript.Echo "missing", TypeName(named("none"))
For Each n In named
    WScript.Echo "each named", n, "[" & named(n) & "]"
Next
On Error Resume Next
x = unnamed(2)
WScript.Echo "unnamed range", Hex(Err.Number)
Err.Clear
x = named.Exists()
WScript.Echo "exists missing", Hex(Err.Number)
Err.Clear
x = unnamed.Named
WScript.Echo "unnamed has no views", Hex(Err.Number)
