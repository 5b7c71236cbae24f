' The WScript object's members, each printed on a line of its own (tests/script_host.c checks them).
WScript.Echo "echo", 1 + 2, "x" & "y"
WScript.Echo
WScript.Echo "count", WScript.Arguments.Count, WScript.Arguments.Length
For i = 0 To WScript.Arguments.Count - 1
    WScript.Echo "argument", i, "[" & WScript.Arguments(i) & "]", "[" & WScript.Arguments.Item(i) & "]"
Next
Set args = WScript.Arguments
If args.Count > 0 Then WScript.Echo "default", args(0)
For Each a In WScript.Arguments
    WScript.Echo "each", "[" & a & "]"
Next
WScript.Echo "name", WScript.Name, "|", WScript
WScript.Echo "scriptname", WScript.ScriptName
WScript.Echo "fullname ends", LCase(Right(WScript.ScriptFullName, 26))
WScript.Echo "version", WScript.Version
WScript.Echo "host", LCase(Right(WScript.FullName, 12)), LCase(Right(WScript.Path, 1) <> "\")
WScript.Echo "interactive", CStr(WScript.Interactive)
WScript.StdOut.Write "std"
WScript.StdOut.WriteLine "out"
WScript.StdErr.WriteLine "to stderr"
WSH.Echo "wsh alias"
Set d = WScript.CreateObject("Scripting.Dictionary")
d.Add "key", 42
WScript.Echo "dictionary", d.Count, d.Item("key")
start = Timer
WScript.Sleep 200
If (Timer - start) >= 0.15 Or Timer < start Then WScript.Echo "slept enough"
WScript.Quit 0
WScript.Echo "not reached"
