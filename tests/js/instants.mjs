// Usage: TZ=UTC node instants.mjs FILE...
// Prints one JSON line per file: for each parser (ical.js as in Thunderbird, node-ical, ical),
// every event's UID with its start and end: UTC epoch seconds for times, "YYYY-MM-DD" for dates.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const require = createRequire(import.meta.url);
const ical = require("ical");

const day = (d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;

function icaljs(text) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const out = {};
  for (const component of root.getAllSubcomponents("vevent")) {
    const ev = new ICAL.Event(component);
    const when = (t) => (t.isDate ? t.toString() : t.toUnixTime());
    out[ev.uid] = [when(ev.startDate), when(ev.endDate)];
  }
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.remove(tz.getFirstPropertyValue("tzid"));
  return out;
}

function nodeical(text) {
  const out = {};
  for (const ev of Object.values(nodeIcal.sync.parseICS(text))) {
    if (ev.type !== "VEVENT") continue;
    // Dates are local midnights of the process's zone (run with TZ=UTC).
    const when = (d) => (d.dateOnly ? day(d) : Math.round(d.getTime() / 1000));
    out[ev.uid] = [when(ev.start), when(ev.end)];
  }
  return out;
}

// ical 0.8 keeps TZID beside a wall-clock time it reads in the process's zone (UTC here): the
// instant is then that wall time in the named zone, as a program using it has to compute.
function offsetSeconds(zone, epochMs) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return (asUtc - epochMs) / 1000;
}

function wallToInstant(d) {
  const wall = d.getTime();
  if (!d.tz) return Math.round(wall / 1000);
  let guess = wall - offsetSeconds(d.tz, wall) * 1000;
  guess = wall - offsetSeconds(d.tz, guess) * 1000;
  return Math.round(guess / 1000);
}

function icalnpm(text) {
  const out = {};
  for (const ev of Object.values(ical.parseICS(text))) {
    if (ev.type !== "VEVENT") continue;
    const when = (d) => (d.dateOnly ? day(d) : wallToInstant(d));
    out[ev.uid] = [when(ev.start), when(ev.end)];
  }
  return out;
}

let failed = false;
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  const report = { path, parsers: {}, errors: {} };
  for (const [name, parse] of Object.entries({ "ical.js": icaljs, "node-ical": nodeical, ical: icalnpm })) {
    try {
      report.parsers[name] = parse(text);
    } catch (err) {
      failed = true;
      report.errors[name] = String(err && err.stack ? err.stack : err);
    }
  }
  console.log(JSON.stringify(report));
}
process.exitCode = failed ? 1 : 0;
