// The monitor with JScript's own event syntax: fxscript.exe //object:Srv=FaxComEx.FaxServer makes the
// FaxServer the named item Srv before the script runs (as a .wsf <object> element does), and the
// engine binds each `function Srv::Event()` to its events.
var archived = false, removed = false, changes = 0;

Srv.Connect("");

Srv.ListenToServerEvents(0x42);        // fsetOUT_QUEUE + fsetOUT_ARCHIVE

var doc = WScript.CreateObject("FaxComEx.FaxDocument");
doc.Body = WScript.Arguments(0);
doc.Recipients.Add("1002");
// Wine's JScript cannot take the array of job ids (VT_ARRAY | VT_BSTR) ConnectedSubmit returns
try { doc.ConnectedSubmit(Srv); } catch (e) { WScript.Echo("result submit says " + e.message); }

for (var waited = 0; !(archived && removed) && waited < 600; waited++)
    WScript.Sleep(100);
WScript.Echo("result archived " + archived + " changes " + changes);
WScript.Quit(archived ? 0 : 3);

function Srv::OnOutgoingJobAdded(server, jobId)
{
    WScript.Echo("event added " + jobId);
}

function Srv::OnOutgoingJobChanged(server, jobId, status)
{
    changes++;
    WScript.Echo("event changed " + jobId + " " + status.Status);
}

function Srv::OnOutgoingMessageAdded(server, messageId)
{
    archived = true;
    WScript.Echo("event archived " + messageId);
}

function Srv::OnOutgoingJobRemoved(server, jobId)
{
    removed = true;
    WScript.Echo("event removed " + jobId);
}
