' A run-time error on line 4 ends the script after the lines before it ran.
WScript.Echo "first"
Set d = WScript.CreateObject("Scripting.Dictionary")
d.NoSuchMethod 1
WScript.Echo "never"
