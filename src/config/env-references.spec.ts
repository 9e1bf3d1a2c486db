import { resolveEnvReferences } from './env-references';

describe('resolveEnvReferences', () => {
  it('replaces os.environ/NAME anywhere and reports unset ones with their path', () => {
    const { value, missing } = resolveEnvReferences(
      { a: 'os.environ/SET', list: [{ k: 'os.environ/UNSET' }], plain: 'os.environ', n: 3 },
      { SET: 'v' },
    );
    expect(value).toEqual({ a: 'v', list: [{ k: undefined }], plain: 'os.environ', n: 3 });
    expect(missing).toEqual([{ path: 'list[0].k', variable: 'UNSET' }]);
  });
});
