import type { CountHolds } from '#shared/domain/ledger';

type Placeholders = (name: (a: string) => string, value: (v: unknown) => string) => string;

/**
 * One UpdateItem expression, with every attribute name and value as a placeholder (member
 * values and old counters like `d:<uscc>` are not valid bare names). Sums use ADD, which
 * creates a missing attribute at 0; conditions added with `when` must all hold.
 */
export class Update {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private readonly removes: string[] = [];
  private readonly conditions: string[] = [];

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  add(attribute: string, value: number): this {
    this.adds.push(`${this.name(attribute)} ${this.value(value)}`);
    return this;
  }

  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  /** Each of `fields` that is not 0, ADDed under `prefix` (the head keeps one set per year). */
  addAll<F extends string>(values: Record<F, number>, fields: readonly F[], prefix = ''): this {
    for (const field of fields) if (values[field] !== 0) this.add(prefix + field, values[field]);
    return this;
  }

  when(condition: Placeholders): this {
    this.conditions.push(
      condition(
        (a) => this.name(a),
        (v) => this.value(v),
      ),
    );
    return this;
  }

  build() {
    const clauses = [
      this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '',
      this.adds.length > 0 ? `ADD ${this.adds.join(', ')}` : '',
      this.removes.length > 0 ? `REMOVE ${this.removes.join(', ')}` : '',
    ];
    return {
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length > 0 && { ExpressionAttributeValues: this.values }),
      ...(this.conditions.length > 0 && {
        ConditionExpression: this.conditions.map((c) => `(${c})`).join(' AND '),
      }),
    };
  }

  private name(attribute: string): string {
    const key = `#n${Object.keys(this.names).length}`;
    this.names[key] = attribute;
    return key;
  }

  private value(value: unknown): string {
    const key = `:v${Object.keys(this.values).length}`;
    this.values[key] = value;
    return key;
  }
}

/** What a count (absent: 0) must still be when the write lands. */
export const countHolds = (attribute: string, holds: CountHolds): Placeholders =>
  'exactly' in holds
    ? stillCounts(attribute, holds.exactly)
    : (name, value) =>
        `${holds.atLeast <= 0 ? `attribute_not_exists(${name(attribute)}) OR ` : ''}${name(attribute)} >= ${value(holds.atLeast)}`;

/** A count read as `from` (0: absent) must still be `from` when the write lands. */
export const stillCounts =
  (attribute: string, from: number): Placeholders =>
  (name, value) =>
    from === 0
      ? `attribute_not_exists(${name(attribute)}) OR ${name(attribute)} = ${value(0)}`
      : `${name(attribute)} = ${value(from)}`;
