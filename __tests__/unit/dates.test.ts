import { addYears, parseCalendarDate, todayInPacific } from '@/lib/validation/dates';
import { formatCalendarDate } from '@/lib/format';

describe('parseCalendarDate: the ISO spelling from a date input', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-01-31', '2026-01-31'],
    ['2028-02-29', '2028-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2026-1-5', '2026-01-05'],
    ['  2026-12-01  ', '2026-12-01'],
  ])('reads %p as %p', (value, expected) => {
    expect(parseCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['29 February in a common year', '2026-02-29'],
    ['29 February in a century year that is not a leap year', '2100-02-29'],
    ['31 April', '2026-04-31'],
    ['31 November', '2026-11-31'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-12-00'],
    ['day 32', '2026-01-32'],
  ])('refuses %s (%p)', (_label, value) => {
    expect(parseCalendarDate(value)).toBeUndefined();
  });
});

describe('parseCalendarDate: the US spelling typed without a date picker', () => {
  it.each([
    ['12/1/2026', '2026-12-01'],
    ['12/01/2026', '2026-12-01'],
    ['1/5/2027', '2027-01-05'],
    ['2/29/2028', '2028-02-29'],
    [' 7/4/2026 ', '2026-07-04'],
  ])('reads %p as %p', (value, expected) => {
    expect(parseCalendarDate(value)).toBe(expected);
  });

  it('reads month first, not day first', () => {
    expect(parseCalendarDate('3/4/2026')).toBe('2026-03-04');
    expect(parseCalendarDate('25/12/2026')).toBeUndefined();
  });

  it.each([
    ['31 April', '4/31/2026'],
    ['29 February in a common year', '2/29/2026'],
    ['month 13', '13/1/2026'],
    ['day 0', '12/0/2026'],
  ])('refuses %s (%p)', (_label, value) => {
    expect(parseCalendarDate(value)).toBeUndefined();
  });
});

describe('parseCalendarDate: what is not a date', () => {
  it.each([
    ['blank', ''],
    ['spaces', '   '],
    ['words', 'next Tuesday'],
    ['a month name', 'December 1, 2026'],
    ['a two-digit year', '12/1/26'],
    ['dots', '2026.12.01'],
    ['dashes in the US order', '12-01-2026'],
    ['slashes in the ISO order', '2026/12/01'],
    ['a date and time', '2026-12-01T00:00:00Z'],
    ['trailing words', '2026-12-01 please'],
    ['a five-digit year', '20260-12-01'],
  ])('refuses %s (%p)', (_label, value) => {
    expect(parseCalendarDate(value)).toBeUndefined();
  });
});

describe('todayInPacific', () => {
  it.each([
    ['late evening in Oregon, past midnight UTC (PST)', '2026-11-26T05:00:00Z', '2026-11-25'],
    ['the last second before Oregon’s midnight (PST, UTC−8)', '2026-11-26T07:59:59Z', '2026-11-25'],
    ['Oregon’s midnight (PST)', '2026-11-26T08:00:00Z', '2026-11-26'],
    ['the last minute before Oregon’s midnight (PDT, UTC−7)', '2026-07-01T06:59:00Z', '2026-06-30'],
    ['Oregon’s midnight (PDT)', '2026-07-01T07:00:00Z', '2026-07-01'],
    ['New Year’s Day UTC, still New Year’s Eve in Oregon', '2027-01-01T03:00:00Z', '2026-12-31'],
    ['midday', '2026-11-25T18:00:00Z', '2026-11-25'],
  ])('%s: %s is %s', (_label, instant, expected) => {
    expect(todayInPacific(new Date(instant))).toBe(expected);
  });

  describe('without an argument', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('uses the current time', () => {
      jest.useFakeTimers({ now: new Date('2026-11-26T05:00:00Z') });
      expect(todayInPacific()).toBe('2026-11-25');
      jest.setSystemTime(new Date('2026-11-26T08:00:00Z'));
      expect(todayInPacific()).toBe('2026-11-26');
    });
  });
});

describe('addYears', () => {
  it.each([
    ['2026-11-25', 1, '2027-11-25'],
    ['2026-11-25', -1, '2025-11-25'],
    ['2026-12-31', 1, '2027-12-31'],
    ['2026-01-01', -1, '2025-01-01'],
    ['2026-03-01', 2, '2028-03-01'],
    ['2027-02-28', 1, '2028-02-28'],
    ['2026-06-15', 0, '2026-06-15'],
  ])('%s plus %p years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', -1, '2027-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2028-02-29', -4, '2024-02-29'],
    ['2096-02-29', 4, '2100-02-28'],
  ])('29 February: %s plus %p years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('formatCalendarDate', () => {
  it.each([
    ['2026-12-01', 'December 1, 2026'],
    ['2025-11-25', 'November 25, 2025'],
    ['2027-01-31', 'January 31, 2027'],
    ['2028-02-29', 'February 29, 2028'],
    ['2026-01-01', 'January 1, 2026'],
    ['2026-12-31', 'December 31, 2026'],
  ])('shows %s as %p', (date, expected) => {
    expect(formatCalendarDate(date)).toBe(expected);
  });
});
