' Outbound routing from VBScript, late bound as scripts are: a group with two devices in a
' chosen order, a rule to it, For Each over groups, devices and rules, the errors a script sees;
' everything it made is removed at the end. Each line is checked by tests/script_host.c.
Set server = WScript.CreateObject("FaxComEx.FaxServer")
server.Connect ""
Set routing = server.OutboundRouting
Set groups = routing.GetGroups
Set group = groups.Add("Script Group")
group.DeviceIds.Add 1
group.DeviceIds.Add 2
group.DeviceIds.SetOrder 2, 1
For Each id In group.DeviceIds
    WScript.Echo "device", id
Next
For Each g In routing.GetGroups
    WScript.Echo "group", g.Name, g.Status, g.DeviceIds.Count
Next
Set rules = routing.GetRules
Set rule = rules.Add(49, 89, False, "Script Group", 0)
WScript.Echo "added", rule.CountryCode, rule.AreaCode, rule.GroupName, rule.Status
For Each r In routing.GetRules
    WScript.Echo "rule", r.CountryCode, r.AreaCode, CStr(r.UseDevice), r.GroupName
Next

On Error Resume Next
groups.Remove "<All Devices>"
WScript.Echo "error remove_all", Hex(Err.Number), Err.Description
Err.Clear
groups.Remove "Script Group"
WScript.Echo "error in_use", Hex(Err.Number), Err.Description
Err.Clear
rules.Add 0, 30, False, "Script Group", 0
WScript.Echo "error area", Hex(Err.Number), Err.Description
Err.Clear
On Error GoTo 0

rules.RemoveByCountryAndArea 49, 89
groups.Remove "Script Group"
WScript.Echo "left", routing.GetGroups.Count, routing.GetRules.Count
server.Disconnect
