' Quits with the code given as argument 0; nothing after Quit runs.
WScript.Echo "before"
WScript.Quit CInt(WScript.Arguments(0))
WScript.Echo "after"
