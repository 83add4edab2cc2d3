/**
 * 7z archives: identified by signature and flagged as unscannable (as picklescan does without py7zr):
 * their members are not extracted.
 */
import type { ScanContext } from '../context';
import type { ByteSource } from '../source';
import type { ScanFormat } from '../types';

/**
 * Record a 7z archive.
 *
 * @example
 * ```ts
 * await scanSevenZip(ctx, bytesSource(bytes), '');
 * ```
 */
export async function scanSevenZip(ctx: ScanContext, _src: ByteSource, member: string): Promise<ScanFormat> {
  ctx.report.add(
    member,
    '7z-archive',
    'unsupported_format',
    ctx.opts.strict ? 'dangerous' : 'suspicious',
    'medium',
    '7z archive: members are not extracted, so pickles inside were not scanned',
  );
  return '7z';
}
