' WScript.Quit inside an event handler ends the script there, with its code: the fax (argument 0)
' is sent, and the handler of its archiving quits with 5.
Set srv = WScript.CreateObject("FaxComEx.FaxServer", "Srv_")
srv.Connect ""
srv.ListenToServerEvents &H40          ' fsetOUT_ARCHIVE
Set doc = WScript.CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.Recipients.Add "1002"
doc.ConnectedSubmit srv
For waited = 1 To 600
    WScript.Sleep 100
Next
WScript.Echo "no event in 60 s"

Sub Srv_OnOutgoingMessageAdded(server, messageId)
    WScript.Echo "archived"
    WScript.Quit 5
    WScript.Echo "not reached"
End Sub
