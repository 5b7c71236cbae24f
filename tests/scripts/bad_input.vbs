' Every kind of bad input to the WScript object, each as "case NAME NUMBER DESCRIPTION" with the error
' it raised (On Error Resume Next keeps the script going).
On Error Resume Next
Sub Report(name)
    WScript.Echo "case", name, Hex(Err.Number), Err.Description
    Err.Clear
End Sub

WScript.Sleep -1 : Report "sleep_negative"
WScript.Sleep "abc" : Report "sleep_type"
WScript.Sleep : Report "sleep_missing"
x = WScript.Arguments(5) : Report "argument_range"
x = WScript.Arguments(-1) : Report "argument_negative"
x = WScript.Arguments.Item("abc") : Report "argument_type"
Set o = WScript.CreateObject("No.Such.Class") : Report "create_unknown"
Set o = WScript.CreateObject() : Report "create_missing"
Set o = WScript.CreateObject("Scripting.Dictionary", "D_") : Report "create_no_events"
WScript.ConnectObject 5, "X_" : Report "connect_not_object"
WScript.ConnectObject Nothing, "X_" : Report "connect_nothing"
Set d = WScript.CreateObject("Scripting.Dictionary")
WScript.ConnectObject d, "D_" : Report "connect_no_events"
WScript.DisconnectObject d : Report "disconnect_not_connected"
WScript.DisconnectObject "text" : Report "disconnect_not_object"
Set o = WScript.GetObject("") : Report "getobject_nothing"
WScript.NoSuchMember : Report "unknown_member"
WScript.Echo "done"
