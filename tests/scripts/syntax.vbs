' A syntax error on line 3: nothing runs.
WScript.Echo "never"
If Then
