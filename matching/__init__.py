"""matching: placeholder package; its code arrives with its issue."""
