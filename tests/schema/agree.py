#!/usr/bin/python3
"""The JSON Schemas agree with the program.

Every file of each kind is judged twice: by incmap ("incmap validate --as
KIND FILE": exit 0 valid, 3 invalid) and by a JSON Schema validator
(python3-jsonschema, draft 2020-12 with format assertions, on the file
parsed as I-JSON, RFC 7493: UTF-8, no duplicate names, no NaN or infinite
numbers). Any disagreement fails the test, unless known-differences.txt
lists the file with the reason JSON Schema cannot express the rule (and a
listed file that no longer disagrees fails too, so the list stays true).

Usage: agree.py INCMAP SOURCE_DIR
"""
import glob
import json
import math
import os
import subprocess
import sys

import jsonschema

incmap, src = sys.argv[1], sys.argv[2]
os.chdir(src)

KINDS = {
    "incidents": ("data/incidents.schema.json",
                  ["tests/bad/*.json", "data/iraq-2021.json", "tests/data/render/*.json",
                   "tests/data/formats/*.json"]),
    "manifest": ("data/manifest.schema.json",
                 ["tests/data/batch/*.json", "data/nightly.json", "data/deploy/nightly.json",
                  "tests/fuzz/corpus/manifest/*.json"]),
    "style": ("data/style.schema.json",
              ["data/style.json", "data/themes/*.json", "tests/data/style/*.json",
               "tests/fuzz/corpus/style/*.json"]),
}
# Files that are not of the kind their folder holds.
NOT_INCIDENTS = {"tests/data/render/bad-style.json"}


def load_ijson(path):
    """The parsed document, or None when it is not I-JSON."""
    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate name")
        return dict(items)

    def number(text):
        v = float(text)
        if math.isinf(v):
            raise ValueError("number out of range")
        return v

    def constant(text):
        raise ValueError("not JSON: " + text)

    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        return json.loads(text, object_pairs_hook=pairs, parse_float=number,
                          parse_constant=constant), None
    except (ValueError, RecursionError, UnicodeDecodeError) as e:
        return None, str(e)[:80]


def known_differences():
    out = {}
    with open("tests/schema/known-differences.txt") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                path, _, reason = line.partition(" ")
                out[path] = reason.strip()
    return out


known = known_differences()
seen_known = set()
failures = []
counts = {}
for kind, (schema_path, patterns) in KINDS.items():
    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    files = sorted({p for pat in patterns for p in glob.glob(pat)})
    if kind == "incidents":
        files = [p for p in files if p not in NOT_INCIDENTS]
    else:
        files += sorted(NOT_INCIDENTS) if kind == "style" else []
    # One run of incmap for all the files of a kind: a line "FILE: ..., valid"
    # or "FILE: ... invalid ..." each.
    r = subprocess.run([incmap, "validate", "--as", kind] + files, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, errors="replace")
    if r.returncode not in (0, 3):
        failures.append("incmap validate --as %s exited %d: %s" % (kind, r.returncode, r.stderr))
        continue
    verdicts = {}
    for line in r.stdout.splitlines():
        for f in files:
            if line.startswith(f + ": "):
                verdicts[f] = not ("invalid" in line[len(f) + 2:])
    for path in files:
        if path not in verdicts:
            failures.append("%s: incmap validate printed no verdict" % path)
            continue
        program_ok = verdicts[path]
        doc, why = load_ijson(path)
        if doc is None:
            schema_ok, detail = False, "not I-JSON: " + why
        else:
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
            schema_ok = not errors
            detail = errors[0].message[:120] if errors else ""
        counts[kind] = counts.get(kind, 0) + 1
        if program_ok == schema_ok:
            if path in known:
                failures.append("%s: listed in known-differences.txt but both now say %s"
                                % (path, "valid" if program_ok else "invalid"))
            continue
        if path in known:
            seen_known.add(path)
            continue
        # The program's own message, from a run of this file alone.
        one = subprocess.run([incmap, "validate", "-q", "--as", kind, path],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             errors="replace")
        msg = one.stderr.strip().splitlines()
        failures.append("%s (%s): incmap says %s%s; the schema says %s%s" % (
            path, kind, "valid" if program_ok else "invalid",
            "" if program_ok or not msg else " (" + msg[0][:120] + ")",
            "valid" if schema_ok else "invalid", "" if schema_ok else " (" + detail + ")"))

# Every option of the option table (src/options_table.c) is a member the manifest schema knows, so
# a new option row cannot be refused by the schema while incmap accepts it.
import re
table = open("src/options_table.c").read()
table = table[table.index("im_option table[] = {"):]
table = table[:table.index("\n};")]
with open("data/manifest.schema.json") as f:
    members = json.load(f)["$defs"]["settings"]["properties"]
for name in re.findall(r'[({]"([a-z][-a-z]*)"', table):
    if name not in members:
        failures.append("data/manifest.schema.json: the option %s (src/options_table.c) is "
                        "not a member of $defs/settings" % name)

for path in sorted(set(known) - seen_known):
    if not os.path.exists(path):
        failures.append("%s: listed in known-differences.txt but does not exist" % path)

for f in failures:
    print("FAIL:", f)
print("checked %s; %d known differences" % (
    ", ".join("%d %s" % (n, k) for k, n in counts.items()), len(seen_known)))
sys.exit(1 if failures else 0)
