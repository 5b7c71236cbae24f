' monitor.vbs: prints every event of the fax server as it arrives, with its arguments.
'
' The classic Windows Script Host pattern: WScript.CreateObject(progid, "Srv_") creates the FaxServer
' and binds each Sub named Srv_<event> to that event of its default source interface
' (IFaxServerNotify2). ListenToServerEvents then asks the service for every class of event, and
' WScript.Sleep keeps the script pumping messages, which is when the events are delivered.
'
'   fxscript.exe monitor.vbs [seconds]     (under Wine: wine64 build\x86_64\fxscript.exe ...)
'
' It ends after the given number of seconds (default: when the fax service shuts down).
Option Explicit

Const fsetALL = &H3FF                  ' every FAX_SERVER_EVENTS_TYPE_ENUM bit, fsetIN_QUEUE to fsetINCOMING_CALL
Dim server, seconds, started, ended

seconds = 0
If WScript.Arguments.Count > 0 Then seconds = CLng(WScript.Arguments(0))
ended = False

Set server = WScript.CreateObject("FaxComEx.FaxServer", "Srv_")
server.Connect ""                      ' the local fax service (started on demand)
server.ListenToServerEvents fsetALL
WScript.Echo "listening to the fax server (API version &H" & Hex(server.APIVersion) & ")"

started = Timer
Do Until ended
    WScript.Sleep 100                  ' events arrive while the script sleeps
    If seconds > 0 And Abs(Timer - started) >= seconds Then Exit Do   ' (Timer wraps at midnight)
Loop
If Not ended Then server.Disconnect
WScript.Echo "done"

' ---- the handlers: one per event of IFaxServerNotify2 ----

Sub Show(text)
    Dim elapsed
    elapsed = Timer - started
    If elapsed < 0 Then elapsed = elapsed + 86400    ' Timer wraps at midnight
    WScript.Echo Right("      " & Int(elapsed * 10) / 10, 7) & " s  " & text
End Sub

Function JobText(status)
    JobText = "status &H" & Hex(status.Status) & ", extended " & status.ExtendedStatusCode & _
              ", page " & status.CurrentPage & " of " & status.Pages
End Function

Sub Srv_OnIncomingJobAdded(server, jobId) : Show "OnIncomingJobAdded " & jobId : End Sub
Sub Srv_OnIncomingJobRemoved(server, jobId) : Show "OnIncomingJobRemoved " & jobId : End Sub
Sub Srv_OnIncomingJobChanged(server, jobId, status) : Show "OnIncomingJobChanged " & jobId & " " & JobText(status) : End Sub
Sub Srv_OnOutgoingJobAdded(server, jobId) : Show "OnOutgoingJobAdded " & jobId : End Sub
Sub Srv_OnOutgoingJobRemoved(server, jobId) : Show "OnOutgoingJobRemoved " & jobId : End Sub
Sub Srv_OnOutgoingJobChanged(server, jobId, status) : Show "OnOutgoingJobChanged " & jobId & " " & JobText(status) : End Sub
Sub Srv_OnIncomingMessageAdded(server, messageId) : Show "OnIncomingMessageAdded " & messageId : End Sub
Sub Srv_OnIncomingMessageRemoved(server, messageId) : Show "OnIncomingMessageRemoved " & messageId : End Sub
Sub Srv_OnOutgoingMessageAdded(server, messageId) : Show "OnOutgoingMessageAdded " & messageId : End Sub
Sub Srv_OnOutgoingMessageRemoved(server, messageId) : Show "OnOutgoingMessageRemoved " & messageId : End Sub
Sub Srv_OnReceiptOptionsChange(server) : Show "OnReceiptOptionsChange" : End Sub
Sub Srv_OnActivityLoggingConfigChange(server) : Show "OnActivityLoggingConfigChange" : End Sub
Sub Srv_OnSecurityConfigChange(server) : Show "OnSecurityConfigChange" : End Sub
Sub Srv_OnEventLoggingConfigChange(server) : Show "OnEventLoggingConfigChange" : End Sub
Sub Srv_OnOutgoingQueueConfigChange(server) : Show "OnOutgoingQueueConfigChange" : End Sub
Sub Srv_OnOutgoingArchiveConfigChange(server) : Show "OnOutgoingArchiveConfigChange" : End Sub
Sub Srv_OnIncomingArchiveConfigChange(server) : Show "OnIncomingArchiveConfigChange" : End Sub
Sub Srv_OnDevicesConfigChange(server) : Show "OnDevicesConfigChange" : End Sub
Sub Srv_OnOutboundRoutingGroupsConfigChange(server) : Show "OnOutboundRoutingGroupsConfigChange" : End Sub
Sub Srv_OnOutboundRoutingRulesConfigChange(server) : Show "OnOutboundRoutingRulesConfigChange" : End Sub
Sub Srv_OnGeneralServerConfigChanged(server) : Show "OnGeneralServerConfigChanged" : End Sub

Sub Srv_OnServerActivityChange(server, incoming, routing, outgoing, queued)
    Show "OnServerActivityChange incoming " & incoming & ", routing " & routing & ", outgoing " & outgoing & _
         ", queued " & queued
End Sub

Sub Srv_OnQueuesStatusChange(server, outgoingBlocked, outgoingPaused, incomingBlocked)
    Show "OnQueuesStatusChange outgoing blocked " & outgoingBlocked & ", paused " & outgoingPaused & _
         ", incoming blocked " & incomingBlocked
End Sub

Sub Srv_OnNewCall(server, callId, deviceId, callerId)
    Show "OnNewCall call " & callId & " on device " & deviceId & " from """ & callerId & """"
End Sub

Sub Srv_OnDeviceStatusChange(server, deviceId, poweredOff, sending, receiving, ringing)
    Show "OnDeviceStatusChange device " & deviceId & ": powered off " & poweredOff & ", sending " & sending & _
         ", receiving " & receiving & ", ringing " & ringing
End Sub

Sub Srv_OnServerShutDown(server)
    Show "OnServerShutDown"
    ended = True
End Sub
