import { isPoBox, isUsStateCode, isZip, normalizeZip, US_STATES } from '@/lib/validation/address';

describe('isPoBox', () => {
  it.each([
    'PO Box 12',
    'P.O. Box 5',
    'p.o.box 5',
    'POBox 3',
    'post office box 9',
    'Post Office Box 9',
    'POB 4',
    'P.O.B. 4',
    'Box 77',
    'Box #77',
    'General Delivery',
    'general  delivery',
  ])('recognises %p as a mail drop', (value) => {
    expect(isPoBox(value)).toBe(true);
  });

  it('finds a PO Box inside a longer line', () => {
    expect(isPoBox('Rose City Clinic, PO Box 12')).toBe(true);
  });

  it.each([
    '123 Boxwood Ln',
    '45 Post Rd',
    '100 Pobst Ave',
    '1 Pob Hill Rd',
    '300 Box Elder St',
    '12 Jukebox 3 Rd',
    '1200 NW Naito Pkwy',
    'Suite 400',
    'Post Office Sq',
  ])('does not mistake the ordinary street %p for a PO Box', (value) => {
    expect(isPoBox(value)).toBe(false);
  });
});

describe('ZIP codes', () => {
  it.each(['97201', '97201-1234', '972011234'])('accepts %p', (value) => {
    expect(isZip(value)).toBe(true);
  });

  it.each(['9720', 'ABCDE', '97201-123', '97201 1234', '972012', '97201-12345', ''])('refuses %p', (value) => {
    expect(isZip(value)).toBe(false);
  });

  it.each([
    ['972011234', '97201-1234'],
    ['97201-1234', '97201-1234'],
    ['97201', '97201'],
  ])('normalizes %p to %p', (input, output) => {
    expect(normalizeZip(input)).toBe(output);
  });
});

describe('US_STATES', () => {
  it('starts with Oregon, the state the plan serves', () => {
    expect(US_STATES[0]).toEqual(['OR', 'Oregon']);
  });

  it('lists the 50 states, DC and 5 territories once each', () => {
    const codes = US_STATES.map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(56);
    expect(codes).toEqual(expect.arrayContaining(['DC', 'PR', 'GU', 'VI', 'AS', 'MP', 'WA', 'CA']));
  });

  it('isUsStateCode accepts listed codes only, in capitals', () => {
    expect(isUsStateCode('OR')).toBe(true);
    expect(isUsStateCode('PR')).toBe(true);
    expect(isUsStateCode('or')).toBe(false);
    expect(isUsStateCode('ZZ')).toBe(false);
    expect(isUsStateCode('')).toBe(false);
  });
});
