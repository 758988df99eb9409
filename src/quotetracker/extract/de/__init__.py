"""German statement extraction: quotation marks, cues, content, speakers, in-document resolution.

Registers the ``de`` extractor. Rules live in data files beside this package
(``lexicon/*.json``); the code here is generic over them.
"""
