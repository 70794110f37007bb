import { describe, expect, it } from 'vitest';
import { statusBody } from '#shared/contract/registration';
import { completeUscc, USCC_CHARSET } from '#shared/domain/uscc';
import { translateApiMessage } from '../../web/src/lib/i18n/api-messages';
import { ApiError, problemToFields, toProblem } from '../../web/src/lib/problem';
import { schemaErrors } from '../../web/src/lib/validation';

const validation = {
  type: 'https://fic-chambers.example/problems/400',
  title: 'Bad Request',
  status: 400,
  detail: 'uscc: check character (position 18) is wrong',
  errors: [
    { path: ['uscc'], message: 'check character (position 18) is wrong' },
    { path: ['leaders', 'president'], message: 'Too big: expected string to have <=50 characters' },
    { path: ['uscc'], message: 'check character (position 18) is wrong' },
    { path: ['cursor'], message: 'is not a cursor this list returned' },
    { path: [], message: 'names no field to change' },
  ],
};

describe('problem+json to form fields', () => {
  const known = (path: (string | number)[]) => path[0] === 'uscc' || path[0] === 'leaders';

  it('puts each message beside the field its path names, once', () => {
    const { fields } = problemToFields(toProblem(400, validation), known);
    expect(fields).toEqual([
      { name: ['uscc'], errors: ['check character (position 18) is wrong'] },
      {
        name: ['leaders', 'president'],
        errors: ['Too big: expected string to have <=50 characters'],
      },
    ]);
  });

  it('keeps the messages no field shows, with their path, for the message on top', () => {
    const { rest } = problemToFields(toProblem(400, validation), known);
    expect(rest).toEqual([
      'cursor: is not a cursor this list returned',
      'names no field to change',
    ]);
  });

  it('shows the API’s messages in Chinese, and an unknown one as the API wrote it', () => {
    const { fields } = problemToFields(toProblem(400, validation), known, translateApiMessage);
    expect(fields[0]?.errors).toEqual(['校验位（第 18 位）不正确']);
    expect(fields[1]?.errors).toEqual(['不能超过 50 个字']);
    expect(translateApiMessage('something new')).toBe('something new');
  });

  it('reads API Gateway’s own 401 body and text answers as problems too', () => {
    expect(toProblem(401, { message: 'Unauthorized' })).toEqual({
      status: 401,
      type: undefined,
      title: undefined,
      detail: 'Unauthorized',
    });
    expect(toProblem(502, 'Bad Gateway').detail).toBe('Bad Gateway');
    const error = new ApiError(
      412,
      toProblem(412, { title: 'Precondition Failed', status: 412, detail: 'x' }),
    );
    expect(error.fieldErrors).toEqual([]);
    expect(error.message).toBe('x');
  });

  it('ignores malformed errors entries rather than failing', () => {
    const problem = toProblem(400, { errors: [{ path: 'uscc', message: 1 }, null] });
    expect(problem.errors).toBeUndefined();
  });
});

describe('the form checks with the contract’s own schema', () => {
  it('refuses a wrong check character with the message the API gives', () => {
    const good = completeUscc('51371621MJD00001');
    const last = USCC_CHARSET.indexOf(good.charAt(17));
    const wrong = good.slice(0, 17) + USCC_CHARSET.charAt((last + 1) % 31);
    const errors = schemaErrors(statusBody, { action: 'register', uscc: wrong }, (m) => m);
    expect(errors).toEqual([
      { name: ['uscc'], errors: ['check character (position 18) is wrong'] },
    ]);
    const org = `${good.slice(0, 16)}${good.charAt(16) === '0' ? '1' : '0'}${good.charAt(17)}`;
    const orgErrors = schemaErrors(
      statusBody,
      { action: 'register', uscc: org },
      translateApiMessage,
    );
    expect(orgErrors[0]?.errors[0]).toBe('组织机构代码校验位（第 17 位）不正确');
  });

  it('accepts a right code in lower case', () => {
    expect(
      schemaErrors(statusBody, { action: 'register', uscc: '51371621mjd000011r' }, (m) => m),
    ).toEqual([]);
  });
});
