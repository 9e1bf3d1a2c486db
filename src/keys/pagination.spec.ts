import { pageOf, queryString } from './pagination';

describe('pagination', () => {
  it('reads page and size with defaults', () => {
    expect(pageOf({})).toEqual({ page: 1, size: 50, offset: 0 });
    expect(pageOf({ page: '3', size: '10' })).toEqual({ page: 3, size: 10, offset: 20 });
  });

  it.each([{ page: '0' }, { page: 'x' }, { size: '1001' }, { size: ['1', '2'] }, { page: '-1' }])('refuses %j naming the field', (q) => {
    expect(() => pageOf(q)).toThrow(expect.objectContaining({ param: Object.keys(q)[0], status: 400 }));
  });

  it('reads one string filter', () => {
    expect(queryString({ team_id: 't' }, 'team_id')).toBe('t');
    expect(queryString({}, 'team_id')).toBeUndefined();
    expect(() => queryString({ team_id: ['a', 'b'] }, 'team_id')).toThrow(expect.objectContaining({ param: 'team_id' }));
  });
});
