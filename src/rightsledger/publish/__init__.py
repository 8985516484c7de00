"""Publishing: exports of the records (and, later, reports), each recorded in custody."""
