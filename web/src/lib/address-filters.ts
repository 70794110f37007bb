import { Form } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/*
 * A list screen's filters and page live in the address (shareable, kept across reloads): each
 * filter a query parameter, and `after` the cursors walked through on this visit, so "previous"
 * goes back one. The filter form follows the address.
 */
export type Filters<K extends string> = Partial<Record<K, string>>;

export function useAddressFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filter: Filters<K> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  const cursors = params.getAll('after');
  const [form] = Form.useForm<Filters<K>>();
  const shown = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address is the filters' source
  useEffect(() => {
    form.setFieldsValue({ ...Object.fromEntries(keys.map((k) => [k, ''])), ...filter });
  }, [shown]);
  return {
    filter,
    cursors,
    form,
    /** Filters from the form's values: the first page. */
    search(values: Filters<K>) {
      const next = new URLSearchParams();
      for (const key of keys) {
        const value = values[key]?.trim();
        if (value) next.set(key, value);
      }
      setParams(next);
    },
    /** The page after these cursors, with the same filters. */
    page(after: string[]) {
      const next = new URLSearchParams(params);
      next.delete('after');
      for (const cursor of after) next.append('after', cursor);
      setParams(next);
    },
    reset: () => setParams(new URLSearchParams()),
  };
}
