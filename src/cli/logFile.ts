import { closeSync, openSync, writeSync } from 'node:fs';
import { SibylError, formatLogHeader, formatLogInfo, formatLogLine, type MonitorSink } from '../core';

/** How a log continues: a new run's header info, or the state file a resumed run came from. */
export type LogNote = { readonly header: string } | { readonly resumedFrom: string };

/**
 * mystic's LoggingMonitor on a file: every record is appended as one line and written at once, so a run
 * that dies still leaves its log up to the last generation. The file is opened for appending, as mystic
 * does, so runs and resumed runs accumulate in one log; each new run starts with a header.
 */
export class LogFile implements MonitorSink {
  private readonly fd: number;
  /** The step number of the next record (the monitor's call count, as mystic numbers it). */
  private step: number;

  private constructor(fd: number, firstStep: number) {
    this.fd = fd;
    this.step = firstStep;
  }

  /**
   * Open `path` for appending. A fresh run (`firstStep` 0) writes the header; a resumed one writes its
   * `resumedFrom` note instead and numbers on from the saved history.
   */
  static open(path: string, shownAs: string, firstStep: number, note: LogNote): LogFile {
    let fd: number;
    try {
      fd = openSync(path, 'a');
    } catch (error) {
      throw new SibylError(`Cannot open the log file '${shownAs}': ${(error as Error).message}.`);
    }
    const log = new LogFile(fd, firstStep);
    if ('resumedFrom' in note) log.info(`LOADED("${note.resumedFrom}")`);
    else log.write(formatLogHeader(new Date(), note.header));
    return log;
  }

  record(x: readonly number[], y: number, id?: number): void {
    this.write(formatLogLine(this.step++, y, x, id));
  }

  /** An information line: `# STOP("…")`, `# DUMPED("…")`. */
  info(message: string): void {
    this.write(formatLogInfo(message));
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(text: string): void {
    writeSync(this.fd, text);
  }
}
