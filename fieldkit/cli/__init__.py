"""The command line: argument parsing, prompts and exit codes over the workflows."""
