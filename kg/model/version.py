"""kg's version, where every stage can read it without importing the package's API."""

VERSION = "0.1.0"
