import { InvalidRequestError } from '../../common/errors';
import { anyValue, applyParamSupport, differsFrom, nonEmptyObject, refuseUnlessDropping } from './param-support';

const table = { n: differsFrom(1), seed: anyValue, logit_bias: nonEmptyObject };

describe('applyParamSupport', () => {
  it.each([
    [{ n: 2 }, 'n'],
    [{ seed: 0 }, 'seed'],
    [{ logit_bias: { '1': 2 } }, 'logit_bias'],
  ])('refuses %j naming the parameter and the provider', (extra, param) => {
    let error: unknown;
    try {
      applyParamSupport({ model: 'm', ...extra }, 'acme', table, false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, param, provider: 'acme' });
    expect((error as Error).message).toMatch(new RegExp(`^acme does not support '${param}'`));
  });

  it.each([[{ n: 1 }], [{ n: null }], [{ seed: undefined }], [{ logit_bias: {} }], [{}]])('accepts %j unchanged', (extra) => {
    const request = { model: 'm', ...extra };
    expect(applyParamSupport(request, 'acme', table, false)).toBe(request);
  });

  it('drops every unsupported parameter with drop_params and leaves the input untouched', () => {
    const request = { model: 'm', n: 3, seed: 1, temperature: 0.5 };
    expect(applyParamSupport(request, 'acme', table, true)).toEqual({ model: 'm', temperature: 0.5 });
    expect(request).toEqual({ model: 'm', n: 3, seed: 1, temperature: 0.5 });
  });
});

describe('refuseUnlessDropping', () => {
  it('throws without drop_params and not with it', () => {
    expect(() => refuseUnlessDropping('acme', 'x', false)).toThrow(InvalidRequestError);
    expect(() => refuseUnlessDropping('acme', 'x', true)).not.toThrow();
  });
});
