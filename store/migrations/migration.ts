/** One step of the schema's history. Statements are portable unless given per dialect. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[] | { sqlite: readonly string[]; postgres: readonly string[] };
}
