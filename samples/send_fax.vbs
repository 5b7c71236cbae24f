' send_fax.vbs: sends a fax and waits, through the server's events, until it has been sent.
'
'   fxscript.exe send_fax.vbs body.tif number      (under Wine: wine64 build\x86_64\fxscript.exe ...)
'
' The body is a TIFF fax image. The script connects a FaxServer whose events call the Srv_ subs,
' listens to the outgoing queue and archive, submits a FaxDocument with ConnectedSubmit and sleeps
' (WScript.Sleep pumps messages, which is when events are delivered) until the job has ended. The exit
' code is 0 when the fax was sent, 1 when it failed, 2 for bad arguments, 3 when it took over 10 minutes.
Option Explicit

Const fsetOUT_QUEUE = &H2, fsetOUT_ARCHIVE = &H40
Const fjsFAILED = &H8, fjsRETRIES_EXCEEDED = &H80, fjsCOMPLETED = &H100, fjsCANCELED = &H200
Dim server, doc, ended, sent, waited

If WScript.Arguments.Count <> 2 Then
    WScript.StdErr.WriteLine "usage: send_fax.vbs body.tif number"
    WScript.Quit 2
End If
ended = False
sent = False

Set server = WScript.CreateObject("FaxComEx.FaxServer", "Srv_")
server.Connect ""
server.ListenToServerEvents fsetOUT_QUEUE Or fsetOUT_ARCHIVE

Set doc = WScript.CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.DocumentName = "send_fax.vbs"
doc.Recipients.Add WScript.Arguments(1)
doc.ConnectedSubmit server             ' the job ids also come with the events below
WScript.Echo "submitted to " & WScript.Arguments(1)

waited = 0
Do Until ended Or waited >= 6000
    WScript.Sleep 100
    waited = waited + 1
Loop
server.Disconnect
If Not ended Then
    WScript.Echo "no answer from the fax service in 10 minutes"
    WScript.Quit 3
End If
If sent Then WScript.Echo "the fax was sent" Else WScript.Echo "the fax was not sent"
If sent Then WScript.Quit 0 Else WScript.Quit 1

Sub Srv_OnOutgoingJobAdded(server, jobId)
    WScript.Echo "job " & jobId & " queued"
End Sub

Sub Srv_OnOutgoingJobChanged(server, jobId, status)
    WScript.Echo "job " & jobId & ": status &H" & Hex(status.Status) & ", page " & status.CurrentPage & _
                 " of " & status.Pages
    If status.Status And fjsCOMPLETED Then sent = True
    ' a failed job stays in the queue (no OnOutgoingJobRemoved): its status is its end
    If status.Status And (fjsFAILED Or fjsRETRIES_EXCEEDED Or fjsCANCELED) Then ended = True
End Sub

Sub Srv_OnOutgoingMessageAdded(server, messageId)
    WScript.Echo "message " & messageId & " archived"
End Sub

Sub Srv_OnOutgoingJobRemoved(server, jobId)
    WScript.Echo "job " & jobId & " left the queue"
    If sent Then ended = True
End Sub
