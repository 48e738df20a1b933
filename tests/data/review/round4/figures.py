import json, collections
key = json.load(open("tests/data/review/round4/key.json"))
crit = ["signals", "severity", "specific", "sendable", "distinct", "boundary", "questions"]
agg = {v: collections.defaultdict(list) for v in ("before", "after")}
per = {v: {"web": collections.defaultdict(list), "tw": collections.defaultdict(list)} for v in ("before", "after")}
nd = collections.Counter(); worst = []
for part in (1, 2):
    for l in open(f"tests/data/review/round4/scores{part}.jsonl"):
        r = json.loads(l); k = key[r["id"]]
        v = k["X"] if r["output"] == "X" else ("after" if k["X"] == "before" else "before")
        for c in crit: agg[v][c].append(r[c])
        src = "web" if r["id"].startswith("web") else "tw"
        per[v][src]["sendable2"].append(r["sendable"] == 2)
        if r.get("never_do"): nd[v] += 1
        if v == "after" and r["sendable"] < 2: worst.append((r["id"], r["sendable"], r["comment"], r.get("never_do")))
for v in ("before", "after"):
    print(v, {c: round(sum(x)/len(x), 2) for c, x in agg[v].items()}, "n", len(agg[v]["sendable"]),
          "sendable=2:", sum(1 for x in agg[v]["sendable"] if x == 2), "never-do outputs:", nd[v],
          "web", sum(per[v]["web"]["sendable2"]), "/", len(per[v]["web"]["sendable2"]), "tweets", sum(per[v]["tw"]["sendable2"]), "/", len(per[v]["tw"]["sendable2"]))
print()
for w in worst: print(w)
