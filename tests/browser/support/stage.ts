import { completeUscc, USCC_CHARSET } from '#shared/domain/uscc';
import { townshipsOf } from '#shared/regions/townships';
import { api, apiToken } from './browser';

/*
 * Setting the stage through the API (never what a journey checks). The demo registers a township
 * chamber in every township of 惠民县, as the article says; a journey that covers a township needs
 * one uncovered first, so the demo's chamber there is deregistered.
 */
export const HUIMIN = '371621';

type Chamber = { id: string; name: string; regionCode: string; status: string };

export async function uncoveredTownship(index: number): Promise<{ code: string; name: string }> {
  const townships = townshipsOf(HUIMIN);
  const township = townships[townships.length - 1 - index] as { code: string; name: string };
  const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
  for (const status of ['registered', 'suspended']) {
    const page = await api<{ items: Chamber[] }>(
      'GET',
      `/v1/chambers?regionCode=${township.code}&kind=township&status=${status}&limit=100`,
      admin,
    );
    for (const chamber of page.items) {
      await api('POST', `/v1/chambers/${chamber.id}/status`, admin, {
        action: 'deregister',
        reason: '浏览器测试腾出乡镇',
      });
    }
  }
  return township;
}

/** A fresh, valid USCC of a social group (51…) in 惠民县. */
export function socialGroupUscc(): string {
  let body = '';
  for (let i = 0; i < 6; i += 1) body += USCC_CHARSET.charAt(Math.floor(Math.random() * 31));
  return completeUscc(`51${HUIMIN}MJ${body}`);
}

/** The same code with its last check character changed. */
export function withWrongCheck(code: string): string {
  const last = USCC_CHARSET.indexOf(code.charAt(17));
  return code.slice(0, 17) + USCC_CHARSET.charAt((last + 1) % USCC_CHARSET.length);
}

export async function findChamber(name: string): Promise<Chamber> {
  const admin = await apiToken({ role: 'fic-admin', regionCode: '371600' });
  const page = await api<{ items: Chamber[] }>(
    'GET',
    `/v1/chambers?name=${encodeURIComponent(name)}`,
    admin,
  );
  const found = page.items.find((c) => c.name === name);
  if (!found) throw new Error(`no chamber named ${name}`);
  return found;
}
