import { type Delta, DISTINCT } from '#shared/domain/ledger';

/**
 * One UpdateItem expression. Sums use ADD, and each distinct value gets its own counter
 * (`d:<uscc>`…): ADD creates a missing counter at 0, so no total is read before it is changed,
 * and a value drops out of the distinct count when its counter returns to 0.
 */
export class Update {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private condition: string | undefined;

  set(attribute: string, value: unknown): this {
    this.sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  add(attribute: string, value: number): this {
    this.adds.push(`${this.name(attribute)} ${this.value(value)}`);
    return this;
  }

  /** amountFen, entries and peopleHelped, once per prefix (the head keeps one set per year). */
  addSums(delta: Delta, prefixes: string[]): this {
    for (const prefix of prefixes) {
      this.add(`${prefix}amountFen`, delta.amountFen)
        .add(`${prefix}entries`, delta.entries)
        .add(`${prefix}peopleHelped`, delta.peopleHelped);
    }
    return this;
  }

  addDistinct(delta: Delta): this {
    this.add(DISTINCT.donors + delta.donor, delta.entries).add(
      DISTINCT.chambers + delta.chamber,
      delta.entries,
    );
    if (delta.village) this.add(DISTINCT.villages + delta.village, delta.entries);
    return this;
  }

  when(condition: (name: (a: string) => string, value: (v: unknown) => string) => string): this {
    this.condition = condition(
      (a) => this.name(a),
      (v) => this.value(v),
    );
    return this;
  }

  build() {
    const clauses = [
      this.sets.length > 0 ? `SET ${this.sets.join(', ')}` : '',
      this.adds.length > 0 ? `ADD ${this.adds.join(', ')}` : '',
    ];
    return {
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ExpressionAttributeNames: this.names,
      ExpressionAttributeValues: this.values,
      ...(this.condition && { ConditionExpression: this.condition }),
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
