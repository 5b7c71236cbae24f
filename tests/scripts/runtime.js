// A run-time error on line 4 (a thrown Error) ends the script.
WScript.Echo("first");
function fail() {
    throw new Error("the script's own error");
}
fail();
WScript.Echo("never");
