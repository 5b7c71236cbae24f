' An error raised by the script itself, with its source and description, on line 3.
WScript.Echo "first"
Err.Raise 1000, "MySource", "my description"
