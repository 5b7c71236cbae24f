// The monitor in JScript: WScript.ConnectObject binds the Srv_ functions to an existing
// FaxServer's events. It sends itself a fax (the body is argument 0) and waits, pumping with
// WScript.Sleep, until its handler sees the job archived.
var archived = false, removed = false, changes = 0;
var srv = new ActiveXObject("FaxComEx.FaxServer");
srv.Connect("");
WScript.ConnectObject(srv, "Srv_");
srv.ListenToServerEvents(0x42);        // fsetOUT_QUEUE + fsetOUT_ARCHIVE

var doc = WScript.CreateObject("FaxComEx.FaxDocument");
doc.Body = WScript.Arguments(0);
doc.Recipients.Add("1002");
// Wine's JScript cannot take the array of job ids (VT_ARRAY | VT_BSTR) ConnectedSubmit returns
try { doc.ConnectedSubmit(srv); } catch (e) { WScript.Echo("result submit says " + e.message); }

for (var waited = 0; !(archived && removed) && waited < 600; waited++)
    WScript.Sleep(100);
WScript.Echo("result archived " + archived + " changes " + changes);
WScript.Quit(archived ? 0 : 3);

function Srv_OnOutgoingJobAdded(server, jobId)
{
    WScript.Echo("event added " + jobId);
}

function Srv_OnOutgoingJobChanged(server, jobId, status)
{
    changes++;
    WScript.Echo("event changed " + jobId + " " + status.Status);
}

function Srv_OnOutgoingMessageAdded(server, messageId)
{
    archived = true;
    WScript.Echo("event archived " + messageId);
}

function Srv_OnOutgoingJobRemoved(server, jobId)
{
    removed = true;
    WScript.Echo("event removed " + jobId);
}
