// A syntax error on line 3, column 9: nothing runs.
WScript.Echo("never");
var x = ;
