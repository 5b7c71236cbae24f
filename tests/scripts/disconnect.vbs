' DisconnectObject stops events: two FaxServers, A_ disconnected before the fax, B_ connected. The
' fax (argument 0) goes to virtual device 2; when B_ saw it archived, A_ must have seen nothing.
Option Explicit
Dim a, b, doc, archived, a_events, waited
archived = False
a_events = 0
Set a = WScript.CreateObject("FaxComEx.FaxServer", "A_")
a.Connect ""
a.ListenToServerEvents &H42
Set b = WScript.CreateObject("FaxComEx.FaxServer")
b.Connect ""
WScript.ConnectObject b, "B_"
b.ListenToServerEvents &H42
WScript.DisconnectObject a

Set doc = WScript.CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.Recipients.Add "1002"
doc.ConnectedSubmit b
waited = 0
Do While Not archived And waited < 600
    WScript.Sleep 100
    waited = waited + 1
Loop
WScript.Sleep 300
WScript.Echo "result archived " & archived & " a_events " & a_events
WScript.Quit 0

Sub A_OnOutgoingJobAdded(server, jobId) : a_events = a_events + 1 : End Sub
Sub A_OnOutgoingJobChanged(server, jobId, status) : a_events = a_events + 1 : End Sub
Sub A_OnOutgoingMessageAdded(server, messageId) : a_events = a_events + 1 : End Sub
Sub B_OnOutgoingMessageAdded(server, messageId) : archived = True : End Sub
