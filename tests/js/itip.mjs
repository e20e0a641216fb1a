// Usage: TZ=UTC node itip.mjs FILE...
// Reads each iTIP object (an e-mail's calendar part) with ical.js, as Thunderbird does, and prints
// one JSON line per file: its METHOD and, per event, UID, SEQUENCE, STATUS, start and end (epoch seconds).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

for (const path of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const ev = new ICAL.Event(component);
    return {
      uid: ev.uid,
      sequence: ev.sequence,
      status: component.getFirstPropertyValue("status"),
      start: ev.startDate.toUnixTime(),
      end: ev.endDate.toUnixTime(),
      organizer: component.getFirstPropertyValue("organizer"),
      attendee: component.getFirstPropertyValue("attendee"),
    };
  });
  for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.remove(tz.getFirstPropertyValue("tzid"));
  console.log(JSON.stringify({ path, method: root.getFirstPropertyValue("method"), events }));
}
