"""conflictgraph: news in, a traceable graph of conflict actors out."""

__version__ = "0.1.0"
