import dayjs, { type Dayjs } from 'dayjs';
import type { DonationRequest } from '#shared/contract/ledger';
import { parseYuan } from '../../lib/format';

/*
 * The donation form's values and the request they make. The amount is typed in 元 and sent as
 * whole fen; the fields a campaign does not use are left out of the request, as the API wants.
 */
export interface DonationValues {
  campaign?: DonationRequest['campaign'];
  villageCode?: string;
  assistance?: DonationRequest['assistance'];
  /** Province, city, county, as the cascader picks them. */
  recipient?: string[];
  donor?: { name?: string; uscc?: string };
  form?: DonationRequest['form'];
  /** 元, as typed. */
  amountFen?: string;
  peopleHelped?: number | null;
  occurredOn?: Dayjs | string | null;
  note?: string;
}

/** The request, as far as the values make one; `amountFen` is NaN when it is not an amount. */
export function donationRequest(chamberId: string, v: DonationValues): Record<string, unknown> {
  const occurredOn = v.occurredOn ? dayjs(v.occurredOn).format('YYYY-MM-DD') : undefined;
  const amount = v.amountFen ? parseYuan(v.amountFen) : undefined;
  return {
    chamberId,
    donor: { name: v.donor?.name?.trim() ?? '', uscc: v.donor?.uscc?.trim() ?? '' },
    campaign: v.campaign,
    ...(v.campaign === 'village-pairing' && {
      villageCode: v.villageCode,
      assistance: v.assistance,
    }),
    ...(v.campaign === 'east-west' && { recipientRegionCode: v.recipient?.at(-1) }),
    form: v.form,
    amountFen: v.amountFen === undefined || v.amountFen === '' ? undefined : (amount ?? Number.NaN),
    peopleHelped: v.peopleHelped ?? 0,
    occurredOn,
    ...(v.note?.trim() && { note: v.note.trim() }),
  };
}

/** Form values as a draft keeps them (the date as its text). */
export function draftOf(v: DonationValues): DonationValues {
  return { ...v, occurredOn: v.occurredOn ? dayjs(v.occurredOn).format('YYYY-MM-DD') : null };
}

export function fromDraft(v: DonationValues): DonationValues {
  return { ...v, occurredOn: v.occurredOn ? dayjs(v.occurredOn) : null };
}
