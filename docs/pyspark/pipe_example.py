#!/usr/bin/env python3
"""Run `wirediff corpus` as a streaming stage under PySpark (RDD.pipe), then check the result
against the single-machine run.

usage: pipe_example.py CORPUS.jsonl [--wirediff PATH] [--partitions N] [--field story]
                       [--out DIR]

1. Spark (local mode, all cores) reads CORPUS.jsonl as text lines and numbers them;
2. it partitions the lines by their story field, so that all the lines of one story land in the
   same partition, and sorts each partition by (story, line number), so that they are
   contiguous and in input order;
3. each partition is piped through `wirediff corpus - --group-by FIELD --format jsonl --quiet`,
   which compares every story it sees as one independent group and prints one report per line;
4. the reports are collected, and compared with `wirediff corpus CORPUS.jsonl --group-by FIELD`
   run on this machine alone: the same set of reports, compared after sorting by story.

Exit status 0 when the two agree, 1 when they do not.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import zlib


def story_of(line, field):
    return str(json.loads(line)[field])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--wirediff", default=shutil.which("wirediff") or "target/release/wirediff")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--field", default="story")
    ap.add_argument("--out", help="also save the Spark output here (saveAsTextFile)")
    a = ap.parse_args()
    binary = os.path.abspath(a.wirediff)
    corpus = os.path.abspath(a.corpus)
    field = a.field

    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[*]").appName("wirediff-corpus")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext

    lines = sc.textFile(corpus).filter(lambda l: l.strip())
    # Key: (story, input position). Partition on the story alone (a stable hash, so the same
    # story goes to the same partition on every worker), sort within partitions on the whole key.
    keyed = lines.zipWithIndex().map(lambda li: ((story_of(li[0], field), li[1]), li[0]))
    parts = keyed.repartitionAndSortWithinPartitions(
        numPartitions=a.partitions,
        partitionFunc=lambda key: zlib.crc32(key[0].encode("utf-8")),
        keyfunc=lambda key: key,
    )
    command = f"{binary} corpus - --group-by {field} --format jsonl --quiet"
    reports = parts.map(lambda kv: kv[1]).pipe(command, checkCode=True)
    if a.out:
        reports.saveAsTextFile(a.out)
    spark_reports = [json.loads(r) for r in reports.collect()]
    spark.stop()

    single = subprocess.run([binary, "corpus", corpus, "--group-by", field, "--quiet"],
                            check=True, capture_output=True, text=True).stdout
    single_reports = [json.loads(r) for r in single.splitlines() if r.strip()]

    def by_story(rs):
        return sorted(rs, key=lambda r: r["corpus"]["story"])

    same = by_story(spark_reports) == by_story(single_reports)
    print(f"spark: {len(spark_reports)} reports from {a.partitions} partitions; "
          f"single machine: {len(single_reports)} reports; identical after sorting by story: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
