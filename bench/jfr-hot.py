#!/usr/bin/env python3
"""Where the CPU went in a Flight Recorder file: the share of execution samples per part of the
stack (inclusive: a sample counts for a part when any of its frames belongs to it, the first
matching part in the order below) and the hottest methods, own time and inclusive.

  bench/jfr-hot.py recording.jfr [top]
Needs `jfr` from a JDK (JFR env variable, else /usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr, else on the PATH).
"""
import collections
import json
import os
import shutil
import subprocess
import sys

# Checked from the top of the stack down, the first match wins: a sample inside a JDBC call made
# by a Thymeleaf expression counts as JDBC, not as the template.
PARTS = [
    ("JDBC driver and pool (PostgreSQL wire, Hikari)", ("org.postgresql.", "com.zaxxer.hikari.")),
    ("Transactions (Spring tx, JPA)", ("org.springframework.transaction.", "org.springframework.orm.",
                                       "org.hibernate.")),
    ("Spring JDBC (JdbcClient, named parameters, row mapping)", ("org.springframework.jdbc.",)),
    ("Thymeleaf and its expressions (OGNL/SpEL)", ("org.thymeleaf.", "org.attoparser.", "org.unbescape.",
                                                   "org.springframework.expression.")),
    ("Messages (i18n lookup, MessageFormat)", ("org.springframework.context.support.", "java.text.")),
    ("Spring Session", ("org.springframework.session.",)),
    ("Spring Security filters", ("org.springframework.security.",)),
    ("Jackson", ("com.fasterxml.jackson.", "tools.jackson.")),
    ("Logging", ("ch.qos.logback.", "org.slf4j.")),
    ("Observation, metrics", ("io.micrometer.",)),
    ("Spring MVC and the servlet container", ("org.springframework.web.", "org.apache.catalina.",
                                              "org.apache.coyote.", "org.apache.tomcat.")),
    ("Dakehu's own code", ("io.dakehu.",)),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    jfr = os.environ.get("JFR") or "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
    if not os.path.exists(jfr):
        jfr = shutil.which("jfr")
    printed = subprocess.run([jfr, "print", "--json", "--events", "jdk.ExecutionSample", path],
                             check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]
    parts = collections.Counter()
    own = collections.Counter()
    inclusive = collections.Counter()
    for event in events:
        frames = [frame_name(f) for f in (event["values"]["stackTrace"] or {}).get("frames", [])]
        if not frames:
            continue
        own[frames[0]] += 1
        for name in set(frames):
            inclusive[name] += 1
        part = "other (JDK, GC-free allocation paths, reflection)"
        for frame in frames:
            found = next((label for label, prefixes in PARTS if frame.startswith(prefixes)), None)
            if found:
                part = found
                break
        parts[part] += 1
    total = sum(own.values())
    print(f"{total} execution samples in {path}")
    print("\nby part of the stack (first matching frame from the top):")
    for part, n in parts.most_common():
        print(f"  {100 * n / total:5.1f} %  {part}")
    print(f"\nhottest methods, own time (top {top}):")
    for name, n in own.most_common(top):
        print(f"  {100 * n / total:5.1f} %  {name}")
    print(f"\nDakehu's methods, inclusive (top {top}):")
    for name, n in [(m, n) for m, n in inclusive.most_common() if m.startswith("io.dakehu.")][:top]:
        print(f"  {100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
