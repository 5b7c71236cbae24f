' A monitor in the classic WSH pattern: WScript.CreateObject(progid, "Srv_") binds the Srv_ subs to
' the FaxServer's events. It sends itself a fax (the body is argument 0) to virtual device 2 and
' waits, pumping with WScript.Sleep, until its handler sees the job archived. Argument 1, "fail",
' makes the first OnOutgoingJobChanged handler fail at run time (line 38) to show that later
' events still arrive. Each line the test checks starts with "event" or "result".
Option Explicit
Dim srv, doc, ids, archived, removed, changes, waited

archived = False
removed = False
changes = 0
Set srv = WScript.CreateObject("FaxComEx.FaxServer", "Srv_")
srv.Connect ""
srv.ListenToServerEvents &H42          ' fsetOUT_QUEUE + fsetOUT_ARCHIVE

Set doc = WScript.CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.Recipients.Add "1002"
' Wine's VBScript cannot index the array of job ids (VT_ARRAY | VT_BSTR): the handlers print them
ids = doc.ConnectedSubmit(srv)
WScript.Echo "result submitted " & VarType(ids)

waited = 0
Do While Not (archived And removed) And waited < 600
    WScript.Sleep 100
    waited = waited + 1
Loop
WScript.Echo "result archived " & archived & " changes " & changes
If archived Then WScript.Quit 0 Else WScript.Quit 3

Sub Srv_OnOutgoingJobAdded(server, jobId)
    WScript.Echo "event added " & jobId & " " & TypeName(server)
End Sub

Sub Srv_OnOutgoingJobChanged(server, jobId, status)
    changes = changes + 1
    If changes = 1 And WScript.Arguments.Count > 1 Then
        If WScript.Arguments(1) = "fail" Then
            changes = changes / 0
        End If
    End If
    WScript.Echo "event changed " & jobId & " " & status.Status
End Sub

Sub Srv_OnOutgoingMessageAdded(server, messageId)
    archived = True
    WScript.Echo "event archived " & messageId
End Sub

Sub Srv_OnOutgoingJobRemoved(server, jobId)
    removed = True
    WScript.Echo "event removed " & jobId
End Sub
