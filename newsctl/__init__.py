"""newsctl: a command-line archive for news articles and their authors."""

__version__ = "0.1.0"
