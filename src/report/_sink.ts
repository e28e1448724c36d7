import * as fs from 'fs';

/** Where a renderer puts its text, piece by piece. @internal */
export interface TextSink {
  write(text: string): void;
}

/** Collects the pieces and joins them once. @internal */
export class StringSink implements TextSink {
  private readonly parts: string[] = [];

  public write(text: string): void {
    this.parts.push(text);
  }

  /** The whole text. */
  public text(): string {
    return this.parts.join('');
  }
}

/** How much text a file sink gathers before it writes (in UTF-16 code units). */
const FLUSH_AT = 65_536;

/**
 * Writes the pieces to an open file in blocks of about 64 KiB. A report of megabytes (a JUnit
 * file has a test case per resource and rule) is then never held whole, neither as one string nor
 * as one buffer: each of those would be a fresh allocation the size of the report, costing more
 * than writing the blocks. @internal
 */
export class FileSink implements TextSink {
  private parts: string[] = [];
  private pending = 0;

  constructor(private readonly fd: number) {}

  public write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  /** Writes what is gathered. */
  public flush(): void {
    if (this.parts.length === 0) return;
    const block = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.pending = 0;
    writeAll(this.fd, block);
  }
}

/** Writes a whole string to a file descriptor (a single write may take only part of it). */
function writeAll(fd: number, text: string): void {
  let buffer: Buffer | undefined;
  let written = fs.writeSync(fd, text);
  const total = Buffer.byteLength(text);
  while (written < total) {
    buffer ??= Buffer.from(text);
    written += fs.writeSync(fd, buffer, written, total - written);
  }
}

/**
 * Writes a file through a sink: `render` puts the text into a temporary file beside it, which
 * then replaces the file in one rename. Readers never see a half-written report: when rendering
 * or writing fails, the file is left as it was, the temporary file is removed and the error is
 * thrown. @internal
 */
export function writeFileThrough(file: string, render: (sink: TextSink) => void): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  let done = false;
  try {
    try {
      const sink = new FileSink(fd);
      render(sink);
      sink.flush();
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    done = true;
  } finally {
    if (!done) fs.rmSync(temporary, { force: true });
  }
}
