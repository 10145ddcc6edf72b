import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { csvHead, csvLine, jsonRecord, type Cell } from '../core/experiment-report/tidy.js';

/**
 * A report file written under a temporary name beside its place and renamed
 * into place when the whole report is done: a report that fails half way never
 * leaves a half-written file where a good one was. Writes are buffered and
 * synchronous, so a stream of ten thousand conversations' rows holds one
 * buffer's worth of text at a time.
 */
export class ReportFile {
  private readonly temp: string;
  private fd: number | undefined;
  private buffer = '';

  constructor(readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.fd = openSync(this.temp, 'wx', 0o644);
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) this.flush();
  }

  /** Closes the temporary file; `commit` then renames it into place. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  commit(): void {
    this.close();
    renameSync(this.temp, this.path);
  }

  abort(): void {
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // closing is best effort here
    }
    this.fd = undefined;
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }

  private flush(): void {
    if (this.buffer === '' || this.fd === undefined) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

/** A tidy table as CSV and as a JSON array of records, written row by row. */
export class TableFiles {
  private readonly csv: ReportFile;
  private readonly json: ReportFile;
  private rows = 0;

  constructor(
    dir: string,
    readonly name: string,
    private readonly columns: readonly string[],
  ) {
    this.csv = new ReportFile(join(dir, `${name}.csv`));
    this.json = new ReportFile(join(dir, `${name}.json`));
    this.csv.write(csvHead(columns));
    this.json.write('[');
  }

  add(row: Readonly<Record<string, Cell>>): void {
    this.csv.write(csvLine(this.columns, row));
    this.json.write(`${this.rows === 0 ? '\n' : ',\n'}${jsonRecord(this.columns, row)}`);
    this.rows += 1;
  }

  get count(): number {
    return this.rows;
  }

  files(): ReportFile[] {
    return [this.csv, this.json];
  }

  end(): void {
    this.json.write(this.rows === 0 ? ']\n' : '\n]\n');
  }
}
