' For Each over the library's collections, and optional arguments, as scripts use them. The fax
' body is argument 0. The outgoing queue is paused while two faxes wait in it, so that For Each
' sees both jobs; they are cancelled afterwards. Each line the test checks starts with "each",
' "count" or "result".
'
' VBScript has no syntax for named arguments (Add(bstrRecipientName:="x") is VB6's and VBA's), and
' Wine's VBScript cannot parse a skipped argument (Add("1002", )): tests/vb6_clients.c passes both
' as VB6 does.
Option Explicit
Dim srv, queue, doc, recipient, device, job, jobs, count, added, files, bodies

Set srv = CreateObject("FaxComEx.FaxServer")
srv.Connect ""

For Each device In srv.GetDevices
    WScript.Echo "each device " & device.Id & " " & TypeName(device) & " " & (Len(device.DeviceName) > 0)
Next

Set queue = srv.Folders.OutgoingQueue
queue.Paused = True
queue.Save

Set doc = CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.DocumentName = "collections.vbs"
doc.Recipients.Add "1002"                       ' the optional name left out
Set added = doc.Recipients.Add("1002", "Second")
doc.Recipients.Add "1003", Empty                ' Empty where a string goes: ""
WScript.Echo "result added " & TypeName(added) & " " & added.Name
For Each recipient In doc.Recipients
    WScript.Echo "each recipient " & recipient.FaxNumber & " [" & recipient.Name & "]"
Next
doc.Recipients.Remove 3
WScript.Echo "count recipients " & doc.Recipients.Count

doc.ConnectedSubmit srv
Set jobs = queue.GetJobs
count = 0
For Each job In jobs
    count = count + 1
    WScript.Echo "each job " & Len(job.Id) & " " & job.Recipient.FaxNumber & " [" & job.Recipient.Name & "] " & _
                 job.DocumentName & " " & TypeName(job)
Next
WScript.Echo "count jobs " & count & " " & jobs.Count

'  Bodies from a variable holding an array: VBScript passes it by reference (VT_VARIANT | VT_BYREF)
Set doc = CreateObject("FaxComEx.FaxDocument")
files = Array(WScript.Arguments(0), WScript.Arguments(0))
doc.Bodies = files
bodies = doc.Bodies
WScript.Echo "result bodies " & VarType(bodies)

' For Each over an empty collection runs no iteration
Set jobs = srv.Folders.IncomingQueue.GetJobs
count = 0
For Each job In jobs
    count = count + 1
Next
WScript.Echo "count incoming " & count

For Each job In queue.GetJobs
    job.Cancel
Next
queue.Paused = False
queue.Save
srv.Disconnect
WScript.Echo "result done"
