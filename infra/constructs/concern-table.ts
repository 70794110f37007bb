import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface ConcernTableProps {
  /** The concern that owns (alone writes) this table, e.g. "registration". */
  concern: string;
  /** Global secondary indexes, each keyed by `<name>pk` / `<name>sk` style string attributes. */
  indexes?: { name: string; partitionKey: string; sortKey: string }[];
  /** Refuse deletion of the table itself (the ledger). */
  deletionProtection?: boolean;
  /**
   * An existing table to use instead of creating one: a table restored from a backup or a point
   * in time (docs/runbook.md, the restore drill). The stack uses it and never manages it.
   */
  restoredName?: string | undefined;
}

/**
 * A concern's table: pk/sk strings, on-demand, point-in-time recovery, retained when the stack
 * goes. Functions learn its name from the environment variable `envName`.
 */
export class ConcernTable extends Construct {
  readonly table: ITableV2;
  readonly concern: string;
  readonly envName: string;
  readonly indexNames: string[];

  constructor(scope: Construct, id: string, props: ConcernTableProps) {
    super(scope, id);
    this.concern = props.concern;
    this.envName = `${props.concern.toUpperCase().replace(/-/g, '_')}_TABLE`;
    this.indexNames = (props.indexes ?? []).map((index) => index.name);
    if (props.restoredName) {
      this.table = TableV2.fromTableName(this, 'Table', props.restoredName);
      return;
    }
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection ?? false,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: (props.indexes ?? []).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });
  }
}
