"""Stage 1, reading: finding the files of a folder and decoding each into a `Document`
(text and header metadata), or passing it over with the reason in plain words."""
