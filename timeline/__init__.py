"""timeline: news articles -> time expressions -> events -> a static timeline site."""
__version__ = "0.1.0"


def __getattr__(name):
    # timeline.tag is the tagger's entry point; imported on first use so that
    # `import timeline` stays cheap for commands that never tag.
    if name == "tag":
        from .tagger import tag

        return tag
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")
