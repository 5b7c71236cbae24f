' Fax accounts from VBScript, late bound as scripts are: the account set (add, For Each, the errors
' a script sees), then the user's own account, made by Connect once AutoCreateAccountOnConnect is
' on, with its events bound by WScript.ConnectObject while the script sends itself a fax (the body
' is argument 0). Everything it changed is put back at the end. Each line is checked by
' tests/script_host.c.
Option Explicit
Dim server, accounts, added, a, config, own, mine, doc, ids, archived, waited

archived = False
Set server = WScript.CreateObject("FaxComEx.FaxServer")
server.Connect ""
Set accounts = server.FaxAccountSet
Set added = accounts.AddAccount("script.user")
WScript.Echo "added", added.AccountName
For Each a In accounts.GetAccounts
    WScript.Echo "account", a.AccountName
Next
On Error Resume Next
accounts.AddAccount "SCRIPT.USER"
WScript.Echo "error exists", Hex(Err.Number), Err.Description
Err.Clear
accounts.GetAccount "no.such.user"
WScript.Echo "error unknown", Hex(Err.Number), Err.Description
Err.Clear
On Error GoTo 0

Set config = server.Configuration
config.AutoCreateAccountOnConnect = True
config.Save
Set own = WScript.CreateObject("FaxComEx.FaxServer")
own.Connect ""
Set mine = own.CurrentAccount
WScript.ConnectObject mine, "Acc_"
mine.ListenToAccountEvents 10          ' faetOUT_QUEUE + faetOUT_ARCHIVE
WScript.Echo "listening", mine.RegisteredEvents

Set doc = WScript.CreateObject("FaxComEx.FaxDocument")
doc.Body = WScript.Arguments(0)
doc.Recipients.Add "1002"
ids = doc.ConnectedSubmit(own)
waited = 0
Do While Not archived And waited < 600
    WScript.Sleep 100
    waited = waited + 1
Loop
WScript.Echo "result archived", CStr(archived)

mine.ListenToAccountEvents 0
accounts.RemoveAccount "script.user"
accounts.RemoveAccount mine.AccountName
config.AutoCreateAccountOnConnect = False
config.Save
WScript.Echo "left", accounts.GetAccounts.Count
own.Disconnect
server.Disconnect

Sub Acc_OnOutgoingJobAdded(account, jobId)
    WScript.Echo "event added", TypeName(account), CStr(account.AccountName = mine.AccountName)
End Sub

Sub Acc_OnOutgoingMessageAdded(account, messageId)
    WScript.Echo "event archived", TypeName(account)
    archived = True
End Sub
