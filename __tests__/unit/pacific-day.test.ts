import { startOfPacificDay } from '@/lib/validation/dates';

/** The wall clock in Oregon at an instant, as YYYY-MM-DD HH:MM:SS (worked out here with Intl, not the app). */
function oregonClock(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('startOfPacificDay', () => {
  it.each([
    ['a winter day (PST, UTC−8)', '2026-01-15', '2026-01-15T08:00:00.000Z'],
    ['New Year’s Day', '2027-01-01', '2027-01-01T08:00:00.000Z'],
    ['a summer day (PDT, UTC−7)', '2026-07-04', '2026-07-04T07:00:00.000Z'],
    ['the last day of a leap February', '2028-02-29', '2028-02-29T08:00:00.000Z'],
    // Daylight time starts at 2 AM on 8 March 2026: that day starts in standard time, the next in daylight time.
    ['the day daylight time starts', '2026-03-08', '2026-03-08T08:00:00.000Z'],
    ['the day after daylight time starts', '2026-03-09', '2026-03-09T07:00:00.000Z'],
    ['the day before daylight time starts', '2026-03-07', '2026-03-07T08:00:00.000Z'],
    // Standard time returns at 2 AM on 1 November 2026: that day starts in daylight time, the next in standard time.
    ['the day standard time returns', '2026-11-01', '2026-11-01T07:00:00.000Z'],
    ['the day after standard time returns', '2026-11-02', '2026-11-02T08:00:00.000Z'],
    ['the day before standard time returns', '2026-10-31', '2026-10-31T07:00:00.000Z'],
  ])('%s: %s starts at %s', (_label, day, expected) => {
    expect(startOfPacificDay(day).toISOString()).toBe(expected);
  });

  test('the day daylight time starts is 23 hours long, the day standard time returns 25', () => {
    const hours = (from: string, to: string) => (startOfPacificDay(to).getTime() - startOfPacificDay(from).getTime()) / 3_600_000;
    expect(hours('2026-03-08', '2026-03-09')).toBe(23);
    expect(hours('2026-11-01', '2026-11-02')).toBe(25);
    expect(hours('2026-03-07', '2026-03-08')).toBe(24);
    expect(hours('2026-11-02', '2026-11-03')).toBe(24);
  });

  test('every day of 2026 and 2027 starts at midnight in Oregon, a millisecond after the day before ends', () => {
    const first = Date.UTC(2026, 0, 1);
    for (let offset = 0; offset < 730; offset++) {
      const day = new Date(first + offset * 86_400_000).toISOString().slice(0, 10);
      const start = startOfPacificDay(day);
      expect(oregonClock(start)).toBe(`${day} 00:00:00`);
      expect(oregonClock(new Date(start.getTime() - 1)).slice(11)).toBe('23:59:59');
      expect(oregonClock(new Date(start.getTime() - 1)).slice(0, 10)).not.toBe(day);
    }
  });

  test('does not depend on the time zone the server runs in', () => {
    // The result is an instant computed from UTC parts; process.env.TZ must not move it.
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Tokyo';
      expect(startOfPacificDay('2026-11-01').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
