import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors';
import { bestLoggedPoints, ctime, formatLogHeader, formatLogInfo, formatLogLine, parseLog, stopInfo } from './log';

// The observed mystic log of reference §5.1 (NM on 2-D rosen from [0, 0]).
const mysticLog = [
  '# Tue Nov 24 20:21:58 2026',
  '# ___#___  __ChiSquare__  __params__',
  '  (0,)     1.0   [0.0, 0.0]',
  '  (1,)     0.9995000625003906   [0.00025000000000000006, 0.0]',
  `# STOP("VTR with {'tolerance': 0.1, 'target': 0.0}")`,
  '',
].join('\n');

const rosen2 = ([x0 = 0, x1 = 0]: number[]) => 100 * (x1 - x0 * x0) ** 2 + (1 - x0) ** 2;

describe('LoggingMonitor format', () => {
  it('writes records exactly as mystic does', () => {
    const vertex = [0.05 ** 2 * 0.1, 0];
    expect(formatLogLine(0, rosen2([0, 0]), [0, 0])).toBe('  (0,)     1.0   [0.0, 0.0]\n');
    expect(formatLogLine(1, rosen2(vertex), vertex)).toBe('  (1,)     0.9995000625003906   [0.00025000000000000006, 0.0]\n');
  });

  it('prints numbers as Python repr, ids in the step tuple', () => {
    expect(formatLogLine(12, 1e-5, [1e16, -0.5, Infinity], 3)).toBe('  (12, 3)     1e-05   [1e+16, -0.5, inf]\n');
    expect(formatLogLine(2, NaN, [-Infinity])).toBe('  (2,)     nan   [-inf]\n');
  });

  it('writes the header and info lines', () => {
    const date = new Date(2026, 10, 4, 9, 5, 7);
    expect(ctime(date)).toBe('Wed Nov  4 09:05:07 2026');
    expect(formatLogHeader(date)).toBe('# Wed Nov  4 09:05:07 2026\n# ___#___  __ChiSquare__  __params__\n');
    expect(formatLogHeader(date, 'de, seed 1')).toBe(
      '# Wed Nov  4 09:05:07 2026\n# de, seed 1\n# ___#___  __ChiSquare__  __params__\n',
    );
    expect(formatLogInfo(stopInfo("VTR with {'tolerance': 0.1, 'target': 0.0}"))).toBe(
      `# STOP("VTR with {'tolerance': 0.1, 'target': 0.0}")\n`,
    );
  });
});

describe('parseLog', () => {
  it("reads mystic's log", () => {
    const log = parseLog(mysticLog);
    expect(log.entries).toEqual([
      { step: 0, cost: 1, x: [0, 0], line: 3 },
      { step: 1, cost: 0.9995000625003906, x: [0.00025000000000000006, 0], line: 4 },
    ]);
    expect(log.stop).toBe("VTR with {'tolerance': 0.1, 'target': 0.0}");
    expect(log.info).toEqual(['Tue Nov 24 20:21:58 2026', `STOP("VTR with {'tolerance': 0.1, 'target': 0.0}")`]);
  });

  it('reads back what it writes, bit for bit', () => {
    const points = [
      [0.1 + 0.2, -1 / 3, 1e300],
      [5e-324, 123456789.125, -0],
    ];
    const text =
      formatLogHeader(new Date(0)) +
      points.map((x, i) => formatLogLine(i, rosen2(x), x, i === 1 ? 7 : undefined)).join('') +
      formatLogInfo(stopInfo('EvaluationLimits with {}'));
    const log = parseLog(text);
    expect(log.entries.map((e) => e.x)).toEqual(points);
    expect(log.entries.map((e) => e.cost)).toEqual(points.map(rosen2));
    expect(log.entries[1]?.id).toBe(7);
    expect(log.stop).toBe('EvaluationLimits with {}');
  });

  it('reads inf and nan costs, and skips blank and support-file lines', () => {
    const log = parseLog('inf = float("inf")\n\n  (0,)     inf   [1.0]\n  (1,)     -inf   [nan]\n');
    expect(log.entries.map((e) => e.cost)).toEqual([Infinity, -Infinity]);
    expect(log.entries[1]?.x[0]).toBeNaN();
  });

  it('names the line of a malformed record', () => {
    const broken = mysticLog.replace('  (1,)     0.9995000625003906', '  (1,)     zero');
    expect(() => parseLog(broken, 'run.log')).toThrow(ParseError);
    expect(() => parseLog(broken, 'run.log')).toThrow(/^run\.log:4: not a log line/);
    const error = (() => {
      try {
        parseLog('# ok\n  (0,)   1.0   [1.0, x]\n', 'a.log');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(2);
    expect((error as ParseError).message).toBe('a.log:2: parameter "x" is not a number.');
    expect(() => parseLog('  (0,)   1.0   [1.0, 2.0]\n  (1,)   1.0   [1.0]\n', 'b.log')).toThrow(
      'b.log:2: has 1 parameters where line 1 has 2.',
    );
  });
});

describe('bestLoggedPoints', () => {
  it('returns distinct points, lowest cost first, ignoring non-finite costs', () => {
    const log = parseLog(
      [
        '  (0,)     5.0   [5.0, 0.0]',
        '  (1,)     2.0   [2.0, 0.0]',
        '  (2,)     2.0   [2.0, 0.0]',
        '  (3,)     nan   [9.0, 9.0]',
        '  (4,)     inf   [8.0, 8.0]',
        '  (5,)     3.0   [3.0, 0.0]',
      ].join('\n'),
    );
    expect(bestLoggedPoints(log, 1)).toEqual([{ x: [2, 0], cost: 2 }]);
    expect(bestLoggedPoints(log, 10)).toEqual([
      { x: [2, 0], cost: 2 },
      { x: [3, 0], cost: 3 },
      { x: [5, 0], cost: 5 },
    ]);
  });
});
