/**
 * The database's part of a backup: every table as a JSON Lines file — a header naming the table and
 * its columns, then one array of values per row — written from one read snapshot, and read back a
 * page at a time for the restore. Text, numbers and null are all the store holds, and JSON carries
 * them exactly, so a backup of SQLite loads into PostgreSQL and back.
 *
 * While the record's table streams past, each hearing's chain is checked with record/'s own verifier
 * and its last entry kept as an anchor: the restore checks the restored chain ends exactly there, which
 * a chain alone cannot show (its last entries could have been cut off).
 */
import { verifyChain } from '../record/index.js';
import { readSnapshot, type BackupRows, type BackupTable, type PortableValue, type SqlDriver, type TableShape } from '../store/index.js';
import type { BackupFolderReader, BackupFolderWriter } from './backup-folder.js';
import { BackupRefused, describeIssue, TABLE_FORMAT, TableHeader, TableRow, type BackupManifest, type RecordAnchor } from './backup-format.js';

/** The hearings' record (store/events.ts). */
const RECORD_TABLE = 'hearing_events';
const PAGE_ROWS = 500;

export async function writeDatabase(db: SqlDriver, out: BackupFolderWriter): Promise<{ database: BackupManifest['database']; records: RecordAnchor[] }> {
  return readSnapshot(db, async (snapshot) => {
    const tables: BackupManifest['database']['tables'] = [];
    const anchors = new RecordAnchors();
    for (const table of snapshot.tables) {
      const file = await out.open(`database/${table.name}.jsonl`);
      await file.write(`${JSON.stringify({ format: TABLE_FORMAT, table: table.name, columns: table.columns.map((c) => c.name) })}\n`);
      let rows = 0;
      for await (const page of snapshot.pages(table)) {
        await file.write(page.map((row) => `${JSON.stringify(row)}\n`).join(''));
        rows += page.length;
        if (table.name === RECORD_TABLE) for (const row of page) anchors.add(table, row);
      }
      tables.push({ name: table.name, file: await file.close(), rows, columns: table.columns });
    }
    return {
      database: {
        dialect: snapshot.dialect,
        schemaVersion: snapshot.migrations.at(-1)?.version ?? 0,
        migrations: snapshot.migrations.map((m) => ({ version: m.version, name: m.name, appliedAt: m.appliedAt })),
        tables,
      },
      records: anchors.finish(),
    };
  });
}

/** Each hearing's chain, checked as its entries stream past in (hearing, number) order. */
class RecordAnchors {
  private readonly anchors: RecordAnchor[] = [];
  private hearingId: string | undefined;
  private entries: Record<string, unknown>[] = [];

  add(table: TableShape, row: PortableValue[]): void {
    const entry = Object.fromEntries(table.columns.map((c, i) => [c.name, row[i]]));
    const hearingId = String(entry.hearing_id);
    if (hearingId !== this.hearingId) this.close();
    this.hearingId = hearingId;
    this.entries.push(entry);
  }

  finish(): RecordAnchor[] {
    this.close();
    return this.anchors;
  }

  private close(): void {
    if (this.hearingId === undefined || this.entries.length === 0) return;
    const report = verifyChain(this.hearingId, this.entries);
    const last = this.entries.at(-1) as Record<string, unknown>;
    this.anchors.push({
      hearingId: this.hearingId,
      entries: this.entries.length,
      lastSeq: report.ok ? report.lastSeq : Number(last.seq),
      lastHash: report.ok ? report.lastHash : String(last.hash),
      held: report.ok,
    });
    this.entries = [];
  }
}

/** The backup's tables as the store's loader reads them; each file's header is checked now, its rows as they load. */
export async function backupRows(reader: BackupFolderReader): Promise<BackupRows> {
  const { database } = reader.manifest;
  const tables: BackupTable[] = [];
  for (const entry of database.tables) {
    const columns = entry.columns.map((c) => c.name);
    await headerOf(reader, entry.file, entry.name, columns);
    tables.push({ name: entry.name, columns, rows: entry.rows, pages: () => pagesOf(reader, entry.file, columns) });
  }
  return { schemaVersion: database.schemaVersion, tables };
}

async function headerOf(reader: BackupFolderReader, file: string, table: string, columns: string[]): Promise<void> {
  for await (const line of reader.lines(file)) {
    const parsed = TableHeader.safeParse(parseLine(file, line));
    if (!parsed.success) throw new BackupRefused(`${file} line 1: ${describeIssue(parsed.error)}`);
    if (parsed.data.table !== table || parsed.data.columns.join('\n') !== columns.join('\n')) {
      throw new BackupRefused(
        `${file} line 1: it holds table ${parsed.data.table} (${parsed.data.columns.join(', ')}), the manifest says ${table} (${columns.join(', ')})`,
      );
    }
    return;
  }
  throw new BackupRefused(`${file} is empty: it has no header line`);
}

async function* pagesOf(reader: BackupFolderReader, file: string, columns: string[]): AsyncGenerator<PortableValue[][]> {
  let page: PortableValue[][] = [];
  for await (const line of reader.lines(file)) {
    if (line.number === 1) continue;
    const parsed = TableRow.safeParse(parseLine(file, line));
    if (!parsed.success) throw new BackupRefused(`${file} line ${line.number}: ${describeIssue(parsed.error)}`);
    if (parsed.data.length !== columns.length) {
      throw new BackupRefused(`${file} line ${line.number}: ${parsed.data.length} values for ${columns.length} columns (${columns.join(', ')})`);
    }
    page.push(parsed.data);
    if (page.length === PAGE_ROWS) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

function parseLine(file: string, line: { number: number; text: string }): unknown {
  try {
    return JSON.parse(line.text);
  } catch {
    throw new BackupRefused(`${file} line ${line.number} is not JSON`);
  }
}
