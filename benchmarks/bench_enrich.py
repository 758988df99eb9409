"""Cost of enrich() (dates, about, keyword topics) over extracted documents, with and without the keyword topics.

Extracts the first N records of a JSONL corpus once (not timed), then times
:func:`quotetracker.enrich.enrich` over all of them in a fresh process: a cold
pass (empty lemma and token caches, as in the first batches of an ingest) and a
warm pass, and the same with an empty topic list (what topics cost).
``--reference FILE`` times an alternative ``keywords.py`` (e.g. an older
version from git) in place of the current keyword matcher, for before/after.

    python benchmarks/bench_enrich.py ../shared/corpus/de_news.jsonl --n 1878
    git show REV:src/quotetracker/topics/keywords.py > /tmp/old_keywords.py
    python benchmarks/bench_enrich.py ../shared/corpus/de_news.jsonl --reference /tmp/old_keywords.py
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import os
import pickle
import sys
import time


def _load_reference(path: str):
    """An alternative keywords module, imported as a sibling of quotetracker.topics.keywords."""
    name = "quotetracker.topics._reference_keywords"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _extract(corpus: str, n: int, lang: str):
    from quotetracker.extract import get_extractor
    from quotetracker.model import Document

    docs = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= n:
                break
            r = json.loads(line)
            docs.append(Document(text=r["text"], id=r.get("id"), date=r.get("date"), source=r.get("source"), lang=lang))
    started = time.perf_counter()
    extractions = list(get_extractor(lang).extract_many(docs))
    return extractions, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--n", type=int, default=1878)
    ap.add_argument("--lang", default="de")
    ap.add_argument("--reference", help="a keywords.py to time instead of the current matcher")
    ap.add_argument("--cache", help="pickle file for the extractions (written when absent, read when present)")
    args = ap.parse_args()

    from quotetracker import enrich as enrich_module
    from quotetracker.topics.keywords import default_topics

    topics = default_topics()
    if args.reference:
        reference = _load_reference(args.reference)
        enrich_module.match_topics = reference.match_topics
        topics = reference.default_topics()
    if args.cache and os.path.exists(args.cache):
        with open(args.cache, "rb") as fh:
            extractions, extract_s = pickle.load(fh)
    else:
        extractions, extract_s = _extract(args.corpus, args.n, args.lang)
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump((extractions, extract_s), fh)
    statements = sum(len(ex.statements) for ex in extractions)

    def timed(topic_list) -> tuple[float, float]:
        batch = copy.deepcopy(extractions)
        wall, cpu = time.perf_counter(), time.process_time()
        for ex in batch:
            enrich_module.enrich(ex, topics=topic_list)
        return time.perf_counter() - wall, time.process_time() - cpu

    cold = timed(topics)
    warm = timed(topics)
    no_topics = timed([])
    load = os.getloadavg()
    print(f"# {len(extractions)} documents, {statements} statements; extraction {extract_s:.1f} s (not counted)")
    print(f"# matcher: {'reference ' + args.reference if args.reference else 'current'}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| pass | wall s | CPU s |")
    print("|---|---:|---:|")
    for name, (w, c) in (("enrich, cold caches", cold), ("enrich, warm caches", warm), ("enrich without topics", no_topics)):
        print(f"| {name} | {w:.2f} | {c:.2f} |")


if __name__ == "__main__":
    main()
