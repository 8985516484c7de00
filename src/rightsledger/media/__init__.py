"""The photo bank, consent records and human stories."""
