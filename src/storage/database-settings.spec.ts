import { databaseSettingsFrom, describeDatabase } from './database-settings';

describe('database settings', () => {
  it('prefers general_settings.database_url, then DATABASE_URL', () => {
    expect(databaseSettingsFrom({ database_url: 'postgres://a/b' }, { DATABASE_URL: 'postgres://c/d' })).toEqual({ kind: 'postgres', url: 'postgres://a/b' });
    expect(databaseSettingsFrom({}, { DATABASE_URL: 'postgres://c/d' })).toEqual({ kind: 'postgres', url: 'postgres://c/d' });
  });

  it('falls back to the embedded database in data/ or database_path', () => {
    expect(databaseSettingsFrom({}, {})).toEqual({ kind: 'embedded', path: 'data' });
    expect(databaseSettingsFrom({ database_path: '/var/gw' }, {})).toEqual({ kind: 'embedded', path: '/var/gw' });
  });

  it('never shows the password', () => {
    const shown = describeDatabase({ kind: 'postgres', url: 'postgres://gw:s3cret@db:5432/gw' });
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain('db:5432');
    expect(describeDatabase({ kind: 'postgres', url: 'not a url :s3cret' })).not.toContain('s3cret');
  });
});
