"""kg: a knowledge graph of actors, agreements, sectors, issues, pledges and stances
read from diplomatic and trade documents."""

__version__ = "0.1.0"
