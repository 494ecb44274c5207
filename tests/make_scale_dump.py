# Usage: python3 tests/make_scale_dump.py N OUT.jsonl (reads ../shared/data).
# Synthetic dump for issue 11's scale figures: N documents over N/50 sources,
# built from the dev sets' text fields; every long line is made distinct per
# document with a letter-coded token (digits fold to one class in
# fingerprints), short lines (a site's chrome) are kept as they are.
import gzip, json, os, sys
n = int(sys.argv[1]); out = sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
base = []
for name in ["big9-05", "big9-09", "chaos-dev", "modern-articles", "trafeval-dev"]:
    for l in gzip.open(os.path.join(data, f"{name}.jsonl.gz")):
        t = json.loads(l).get("text") or ""
        if t: base.append(t)
def code(i):
    s = ""
    while True:
        s += chr(ord("a") + i % 26); i //= 26
        if i == 0: return s
with open(out, "w") as f:
    for i in range(n):
        text = base[i % len(base)]
        tok = code(i)
        lines = [(l + " " + tok) if len(l) >= 60 else l for l in text.split("\n")]
        f.write(json.dumps({"id": str(i), "site": f"site{i % (n // 50)}", "text": "\n".join(lines)}) + "\n")
