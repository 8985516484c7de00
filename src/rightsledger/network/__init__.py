"""The network: contacts (specialists, fixers, journalists…) and engagements."""
