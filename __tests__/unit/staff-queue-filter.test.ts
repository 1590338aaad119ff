import { parseAuditFilter } from '@/lib/staff/audit-log';
import { cursorOf, parseCursor, parseQueueFilter, queueHref, searchTermOf, type QueueFilter } from '@/lib/staff/queue-filter';

const UUID = '0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f';
const OTHER_UUID = 'f0e1d2c3-b4a5-4968-8776-655443322110';

/** The filter with every field present, undefined where nothing was chosen. */
const NOTHING: QueueFilter = { kind: undefined, status: undefined, assignee: undefined, from: undefined, to: undefined, q: undefined };

describe('parseQueueFilter', () => {
  test('an empty query string filters nothing', () => {
    expect(parseQueueFilter({})).toEqual(NOTHING);
  });

  test('reads every known value', () => {
    expect(
      parseQueueFilter({
        kind: 'CLINIC_UPDATE',
        status: 'WAITING_ON_APPLICANT',
        assignee: 'me',
        from: '2026-03-01',
        to: '2026-03-31',
        q: 'Rose City',
      }),
    ).toEqual({
      kind: 'CLINIC_UPDATE',
      status: 'WAITING_ON_APPLICANT',
      assignee: 'me',
      from: '2026-03-01',
      to: '2026-03-31',
      q: 'Rose City',
    });
  });

  it.each(['CONTRACT_REQUEST', 'CLINIC_EMAILS', 'CLINIC_UPDATE'])('kind %s is kept', (kind) => {
    expect(parseQueueFilter({ kind }).kind).toBe(kind);
  });

  it.each(['NEW', 'IN_REVIEW', 'WAITING_ON_APPLICANT', 'APPROVED', 'DECLINED', 'CLOSED'])('status %s is kept', (status) => {
    expect(parseQueueFilter({ status }).status).toBe(status);
  });

  test('unknown values are ignored, not refused', () => {
    expect(
      parseQueueFilter({
        kind: 'PIZZA',
        status: 'in_review',
        assignee: 'everyone',
        from: 'yesterday',
        to: '2026-02-30',
        unknown: 'x',
        page: '7',
      }),
    ).toEqual(NOTHING);
    expect(parseQueueFilter({ kind: 'contract_request' }).kind).toBeUndefined();
    expect(parseQueueFilter({ status: 'Closed' }).status).toBeUndefined();
    expect(parseQueueFilter({ kind: 'toString', status: 'constructor' })).toEqual(NOTHING);
  });

  test('surrounding spaces are trimmed before a value is checked', () => {
    expect(parseQueueFilter({ kind: ' CLINIC_EMAILS ', status: '\tNEW\n', assignee: ' none ', from: ' 2026-01-05 ' })).toMatchObject({
      kind: 'CLINIC_EMAILS',
      status: 'NEW',
      assignee: 'none',
      from: '2026-01-05',
    });
  });

  test('a value given twice counts the first time', () => {
    expect(parseQueueFilter({ kind: ['CLINIC_EMAILS', 'CLINIC_UPDATE'], status: ['CLOSED', 'NEW'], q: ['first', 'second'] })).toMatchObject(
      {
        kind: 'CLINIC_EMAILS',
        status: 'CLOSED',
        q: 'first',
      },
    );
    expect(parseQueueFilter({ kind: ['PIZZA', 'CLINIC_UPDATE'] }).kind).toBeUndefined();
    expect(parseQueueFilter({ kind: [] }).kind).toBeUndefined();
  });

  test('empty and blank values are no filter', () => {
    expect(parseQueueFilter({ kind: '', status: '   ', assignee: '', from: '', to: ' ', q: '   ' })).toEqual(NOTHING);
  });

  describe('dates', () => {
    test('real calendar days are kept, in ISO spelling', () => {
      expect(parseQueueFilter({ from: '2026-1-5', to: '2028-02-29' })).toMatchObject({ from: '2026-01-05', to: '2028-02-29' });
      expect(parseQueueFilter({ from: '12/1/2026' }).from).toBe('2026-12-01');
    });

    it.each(['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '20260301', 'March 1', '2026-03-01T00:00:00Z', '1e9'])(
      '%p is ignored',
      (day) => {
        expect(parseQueueFilter({ from: day, to: day })).toMatchObject({ from: undefined, to: undefined });
      },
    );
  });

  describe('assignee', () => {
    it.each(['me', 'none', UUID, OTHER_UUID])('%p is kept', (assignee) => {
      expect(parseQueueFilter({ assignee }).assignee).toBe(assignee);
    });

    it.each([
      ['a word', 'nobody'],
      ['Me', 'Me'],
      ['a UUID one character short', UUID.slice(1)],
      ['a UUID one character long', `${UUID}0`],
      ['a UUID with letters past f', UUID.replace('0b6f', '0b6g')],
      ['an e-mail address', 'ana@careoregon.example'],
      ['SQL', "' OR 1=1 --"],
      ['me, then more', 'me none'],
    ])('%s is ignored (%p)', (_label, assignee) => {
      expect(parseQueueFilter({ assignee }).assignee).toBeUndefined();
    });
  });

  describe('q', () => {
    test('is trimmed', () => {
      expect(parseQueueFilter({ q: '   Rose City  ' }).q).toBe('Rose City');
    });

    test('is kept whole up to 200 characters and cut there beyond', () => {
      expect(parseQueueFilter({ q: 'a'.repeat(200) }).q).toBe('a'.repeat(200));
      expect(parseQueueFilter({ q: 'b'.repeat(201) }).q).toBe('b'.repeat(200));
      expect(parseQueueFilter({ q: `  ${'c'.repeat(5000)}  ` }).q).toBe('c'.repeat(200));
    });
  });
});

describe('cursors', () => {
  const row = { createdAt: new Date('2026-03-08T09:59:59.123Z'), id: UUID };

  test('cursorOf is the creation time in milliseconds and the id', () => {
    expect(cursorOf(row)).toBe(`${row.createdAt.getTime()}_${UUID}`);
  });

  it.each(['after', 'before'] as const)('a cursor read back from %p is the same row, to the millisecond', (direction) => {
    const cursor = parseCursor({ [direction]: cursorOf(row) });
    expect(cursor).toEqual({ direction, createdAt: row.createdAt, id: UUID });
    expect(cursor!.createdAt.getTime()).toBe(row.createdAt.getTime());
  });

  test('no cursor is the first page', () => {
    expect(parseCursor({})).toBeUndefined();
    expect(parseCursor({ after: '', before: '  ' })).toBeUndefined();
  });

  it.each([
    ['no id', '1772963999123'],
    ['no time', `_${UUID}`],
    ['a time in seconds', `1772963999_${UUID}`],
    ['a short id', `1772963999123_${UUID.slice(2)}`],
    ['an upper-case id', `1772963999123_${UUID.toUpperCase()}`],
    ['a negative time', `-772963999123_${UUID}`],
    ['something else around it', `x1772963999123_${UUID}`],
    ['a date', `2026-03-08_${UUID}`],
  ])('a malformed cursor (%s) is ignored', (_label, value) => {
    expect(parseCursor({ after: value })).toBeUndefined();
    expect(parseCursor({ before: value })).toBeUndefined();
  });

  test('after wins over before when both are given; a bad after does not hide a good before', () => {
    const later = { createdAt: new Date(row.createdAt.getTime() + 1000), id: OTHER_UUID };
    expect(parseCursor({ after: cursorOf(row), before: cursorOf(later) })).toMatchObject({ direction: 'after', id: UUID });
    expect(parseCursor({ after: 'nonsense', before: cursorOf(later) })).toMatchObject({ direction: 'before', id: OTHER_UUID });
  });

  test('a cursor given twice counts the first time', () => {
    expect(parseCursor({ after: [cursorOf(row), 'nonsense'] })).toMatchObject({ direction: 'after', id: UUID });
  });
});

describe('queueHref', () => {
  test('no filter is the bare queue', () => {
    expect(queueHref({})).toBe('/staff/submissions');
    expect(queueHref(NOTHING)).toBe('/staff/submissions');
  });

  test('drops empty and missing values', () => {
    expect(queueHref({ kind: 'CLINIC_UPDATE', status: undefined, assignee: '', q: '' })).toBe('/staff/submissions?kind=CLINIC_UPDATE');
    expect(queueHref({ status: 'NEW' }, { after: '', before: undefined })).toBe('/staff/submissions?status=NEW');
  });

  test('adds the page after the filter', () => {
    const cursor = cursorOf({ createdAt: new Date('2026-01-02T03:04:05.006Z'), id: UUID });
    expect(queueHref({ status: 'NEW' }, { after: cursor })).toBe(`/staff/submissions?status=NEW&after=${cursor}`);
    expect(queueHref({}, { before: cursor })).toBe(`/staff/submissions?before=${cursor}`);
  });

  test('encodes the search so that it reads back the same', () => {
    const filter: QueueFilter = {
      kind: 'CONTRACT_REQUEST',
      status: 'IN_REVIEW',
      assignee: UUID,
      from: '2026-03-01',
      to: '2026-03-31',
      q: 'O’Brien & Sons #2 +x=1',
    };
    const href = queueHref(filter);
    expect(href).not.toContain(' ');
    expect(href.split('&')).toHaveLength(6);
    const query = new URLSearchParams(href.slice(href.indexOf('?') + 1));
    expect(parseQueueFilter(Object.fromEntries(query))).toEqual(filter);
  });
});

describe('searchTermOf', () => {
  it.each([
    ['NCR-7K3M9Q2P', 'NCR-7K3M9Q2P'],
    ['ncr-7k3m9q2p', 'NCR-7K3M9Q2P'],
    ['Cae-ABCDEFGH', 'CAE-ABCDEFGH'],
    ['  ciu-0123zzzz  ', 'CIU-0123ZZZZ'],
  ])('%p is a reference (%p)', (q, value) => {
    expect(searchTermOf(q)).toEqual({ by: 'reference', value });
  });

  it.each([
    ['a letter the alphabet leaves out (I)', 'NCR-ABCDEFGI'],
    ['a letter the alphabet leaves out (U)', 'NCR-UUUUUUUU'],
    ['an unknown prefix', 'ABC-7K3M9Q2P'],
    ['a code too short', 'NCR-7K3M9Q2'],
  ])('%s is not a reference: it is searched as a name', (_label, q) => {
    expect(searchTermOf(q)).toEqual({ by: 'name', value: q });
  });

  it.each([
    ['1234567893', '1234567893'],
    ['1234 567 893', '1234567893'],
    ['123-456-7893', '1234567893'],
    [' 1234-567 893 ', '1234567893'],
  ])('%p is an NPI (%p)', (q, value) => {
    expect(searchTermOf(q)).toEqual({ by: 'npi', value });
  });

  it.each(['123456789', '12345678901', '1234.567.893', '(123) 456-7893'])('%p is not an NPI', (q) => {
    expect(searchTermOf(q).by).not.toBe('npi');
  });

  test('an e-mail address is searched in lower case', () => {
    expect(searchTermOf(' Office@RoseCity.Example ')).toEqual({ by: 'email', value: 'office@rosecity.example' });
    expect(searchTermOf('@rosecity')).toEqual({ by: 'email', value: '@rosecity' });
  });

  test('anything else is part of a name, trimmed, its case kept', () => {
    expect(searchTermOf('  Rose City  ')).toEqual({ by: 'name', value: 'Rose City' });
    expect(searchTermOf('Dr. O’Brien')).toEqual({ by: 'name', value: 'Dr. O’Brien' });
  });
});

describe('parseAuditFilter (the audit log page)', () => {
  test('reads every known value', () => {
    expect(
      parseAuditFilter({ action: 'tin_reveal', actor: ' ana@ ', reference: ' ncr-7k3m9q2p ', from: '2026-11-01', to: '11/2/2026' }),
    ).toEqual({
      action: 'tin_reveal',
      actor: 'ana@',
      reference: 'NCR-7K3M9Q2P',
      from: '2026-11-01',
      to: '2026-11-02',
    });
  });

  test('unknown actions and impossible days are ignored, blanks are no filter', () => {
    expect(parseAuditFilter({ action: 'drop_table', actor: '  ', reference: '', from: '2026-02-30', to: 'today' })).toEqual({
      action: undefined,
      actor: undefined,
      reference: undefined,
      from: undefined,
      to: undefined,
    });
    expect(parseAuditFilter({ action: 'TIN_REVEAL' }).action).toBeUndefined();
  });

  it.each([
    'sign_in',
    'sign_out',
    'sign_in_refused',
    'tin_reveal',
    'status_change',
    'assignment',
    'note',
    'staff_added',
    'staff_changed',
    'staff_disabled',
  ])('action %p is kept', (action) => {
    expect(parseAuditFilter({ action }).action).toBe(action);
  });

  test('values given twice count the first time, and long values are cut', () => {
    expect(parseAuditFilter({ action: ['note', 'sign_in'], actor: 'a'.repeat(300), reference: `ncr-${'x'.repeat(40)}` })).toMatchObject({
      action: 'note',
      actor: 'a'.repeat(254),
      reference: `NCR-${'X'.repeat(16)}`,
    });
  });
});
