// Usage: node check-ics.mjs FILE...  Prints one JSON line per file; exits 1 if any fails.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

let failed = false;
for (const path of process.argv.slice(2)) {
  try {
    const text = readFileSync(path, "utf8");
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== "vcalendar") throw new Error(`root is ${root.name}`);
    for (const tz of root.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(tz);
    }
    const events = root.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    const out = [];
    for (const ev of events) {
      if (!ev.uid) throw new Error("event without UID");
      const start = ev.startDate;
      const end = ev.endDate;
      if (!start || !end) throw new Error(`${ev.uid}: no start or end`);
      if (!start.isDate && start.zone && start.zone.tzid === "floating") throw new Error(`${ev.uid}: floating time`);
      if (end.compare(start) <= 0) throw new Error(`${ev.uid}: ends before it starts`);
      out.push({ uid: ev.uid, summary: ev.summary, start: start.toUnixTime(), end: end.toUnixTime(), allDay: start.isDate });
    }
    console.log(JSON.stringify({ path, ok: true, events: out }));
  } catch (err) {
    failed = true;
    console.log(JSON.stringify({ path, ok: false, error: String(err) }));
  }
}
process.exitCode = failed ? 1 : 0;
