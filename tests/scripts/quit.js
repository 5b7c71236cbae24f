// Quits with the code given as argument 0, from inside a function; nothing after Quit runs.
function leave(code) { WScript.Quit(code); WScript.Echo("after, in leave"); }
WScript.Echo("before");
leave(parseInt(WScript.Arguments(0), 10));
WScript.Echo("after");
