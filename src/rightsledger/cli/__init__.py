"""The command line: one module per command, each thin: parse options, call the library."""
