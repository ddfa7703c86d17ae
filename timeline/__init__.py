"""timeline: news articles -> time expressions -> events -> a static timeline site."""
__version__ = "0.1.0"
