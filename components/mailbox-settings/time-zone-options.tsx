/** The zones of a time-zone select, grouped by region (Europe/Rome under "Europe"), UTC first. */
export function TimeZoneOptions({ zones, current }: { zones: readonly string[]; current: string }) {
  const all = zones.includes(current) ? zones : [current, ...zones];
  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const slash = zone.indexOf('/');
    const region = slash < 0 ? '' : zone.slice(0, slash);
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  const option = (zone: string) => (
    <option key={zone} value={zone}>
      {zone.replaceAll('_', ' ')}
    </option>
  );
  return (
    <>
      {[...groups].map(([region, list]) =>
        region === '' ? (
          list.map(option)
        ) : (
          <optgroup key={region} label={region}>
            {list.map(option)}
          </optgroup>
        ),
      )}
    </>
  );
}
