import { describe, expect, it } from 'vitest';
import type { Account } from '#shared/contract/accounts';
import {
  accountRefusals,
  inviteBody,
  patchOf,
  valuesOf,
} from '../../web/src/features/accounts/form';
import { translateApiMessage } from '../../web/src/lib/i18n/api-messages';

/*
 * The account form's checks, as a person filling it in meets them: the contract's own schema
 * with the API's messages in Chinese, beside the field they belong to, before anything is sent.
 */
const zh = { apiMessage: translateApiMessage };

const officer: Account = {
  id: 'a1',
  name: '赵敏',
  role: 'chamber-officer',
  regionCode: '371621001',
  chamberId: 'chamber-1',
  contact: { phone: '+8613912345678' },
  status: 'active',
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'admin',
};

const refusalsOf = (values: Parameters<typeof inviteBody>[0]) =>
  Object.fromEntries(
    accountRefusals(values, inviteBody(values), 'invite', zh).map((e) => [
      e.name.join('.'),
      e.errors,
    ]),
  );

describe('the invitation form', () => {
  it('refuses a bad email and a bad mobile number beside their fields, in Chinese', () => {
    expect(
      refusalsOf({
        name: '钱多',
        role: 'assessor',
        regionCode: '371600',
        contact: { email: 'not-an-email', phone: '12345' },
      }),
    ).toEqual({
      'contact.email': ['不是有效的电子邮箱'],
      'contact.phone': ['不是有效的手机号码（以 1 开头的 11 位数字）'],
    });
  });

  it('asks for an email or a mobile number beside the email, and for the scope the role needs', () => {
    expect(refusalsOf({ name: '钱多', role: 'chamber-officer', contact: {} })).toEqual({
      'contact.email': ['邮箱和手机号码至少填写一项'],
      chamberId: ['商会工作人员需要选择所在商会'],
    });
    expect(
      refusalsOf({ name: '钱多', role: 'liaison', contact: { phone: '139 1234 5678' } }),
    ).toEqual({ regionCode: ['请选择管辖地区'] });
  });

  it('sends an officer’s chamber and no region, a trimmed name and only the contact given', () => {
    expect(
      inviteBody({
        name: ' 钱多 ',
        role: 'chamber-officer',
        regionCode: '371600',
        chamberId: 'chamber-1',
        contact: { email: '', phone: '13912345678' },
      }),
    ).toEqual({
      name: '钱多',
      role: 'chamber-officer',
      chamberId: 'chamber-1',
      contact: { phone: '13912345678' },
    });
  });
});

describe('a change of an account', () => {
  it('sends only what changed', () => {
    const values = valuesOf(officer);
    expect(patchOf(officer, values)).toEqual({});
    expect(patchOf(officer, { ...values, name: '赵敏敏' })).toEqual({ name: '赵敏敏' });
    expect(patchOf(officer, { ...values, role: 'assessor', regionCode: '371621' })).toEqual({
      role: 'assessor',
      regionCode: '371621',
    });
    expect(
      patchOf(officer, { ...values, contact: { email: 'zhao@fic.example', phone: '' } }),
    ).toEqual({ contact: { email: 'zhao@fic.example' } });
  });
});
